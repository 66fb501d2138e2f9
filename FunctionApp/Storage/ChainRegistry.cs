using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Log;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The chains a deployment holds, in the <c>chains</c> table (PartitionKey "chain", RowKey = chain id).
/// A chain's row is written once, by insert: whoever inserts first defines it (its settings and, for a local
/// chain, its BPSC private key — in the row, or in Key Vault when one is configured — which is never served);
/// everyone else reads that row.
/// </summary>
public sealed class ChainRegistry(Tables tables, SigningKeyVault vault, NodeSettings nodeSettings)
{
    private const string Partition = "chain";
    private readonly ConcurrentDictionary<ChainId, ChainRecord> _cache = new();
    private readonly ConcurrentDictionary<ChainId, SigningKey> _keys = new();
    private readonly ConcurrentDictionary<ChainId, NoteSigner> _logSigners = new();

    /// <summary>
    /// Creates the chain unless it exists; answers the stored record and whether this call created it.
    /// </summary>
    /// <remarks>
    /// A local chain also gets its Ed25519 log key, kept like the BPSC key (row or Key Vault); its name is the log
    /// origin <c>SMARTCHAIN_LOG_ORIGIN/chain</c>, fixed here for the chain's life. A replica pins the BPSC's log key.
    /// </remarks>
    public async Task<(ChainRecord Record, bool Created)> CreateAsync(
        ChainSettings settings,
        Uri? remoteUrl,
        string? pinnedPublicKey,
        string? pinnedLogKey,
        CancellationToken cancellationToken
    )
    {
        var id = settings.Id;
        using var key = remoteUrl is null ? SigningKey.Generate() : null;
        using var logKey = remoteUrl is null ? Ed25519Key.Generate() : null;
        var logVerifierKey = logKey is null
            ? pinnedLogKey
            : NoteVerifierKey
                .Create($"{nodeSettings.LogOrigin}/{id}", NoteSignatureType.Ed25519, logKey.PublicKey)
                .Text;
        var entity = new TableEntity(Partition, id.Value)
        {
            ["RemoteUrl"] = remoteUrl?.ToString(),
            ["PublicKey"] = key?.PublicKey.Base64Url ?? pinnedPublicKey,
            ["LogVerifierKey"] = logVerifierKey,
        };
        // Settings with a large genesis outgrow one property.
        LongText.Write(entity, "Settings", ChainSettingsJson.Write(settings).ToJsonString());
        if (key is not null && vault.IsConfigured)
        {
            entity["KeySecret"] = await vault.StoreAsync(id.Value, key.ExportPkcs8(), cancellationToken);
            entity["LogKeySecret"] = await vault.StoreAsync(id.Value + "-log", logKey!.ExportSeed(), cancellationToken);
        }
        else if (key is not null)
        {
            entity["PrivateKey"] = Convert.ToBase64String(key.ExportPkcs8());
            entity["LogKey"] = Convert.ToBase64String(logKey!.ExportSeed());
        }

        try
        {
            await tables.Chains.AddEntityAsync(entity, cancellationToken);
            return (Remember(entity), true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await FindAsync(id, cancellationToken);
            return (existing!, false);
        }
    }

    public async Task<ChainRecord?> FindAsync(ChainId id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        var row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(
            Partition,
            id.Value,
            cancellationToken: cancellationToken
        );
        return row.HasValue ? Remember(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ChainRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var records = new List<ChainRecord>();
        var rows = tables.Chains.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition,
            cancellationToken: cancellationToken
        );
        await foreach (var row in rows)
        {
            records.Add(Remember(row));
        }

        return records;
    }

    /// <summary>The BPSC signing key of a local chain, loaded from storage once.</summary>
    public async Task<SigningKey> SigningKeyAsync(ChainId id, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(id, out var key))
        {
            return key;
        }

        var row = (
            await tables.Chains.GetEntityAsync<TableEntity>(Partition, id.Value, cancellationToken: cancellationToken)
        ).Value;
        var pkcs8 =
            row.GetString("PrivateKey") is { } inline ? Convert.FromBase64String(inline)
            : row.GetString("KeySecret") is { } secret ? await vault.LoadAsync(secret, cancellationToken)
            : throw new InvalidOperationException($"chain '{id}' is not produced here");
        return _keys.GetOrAdd(id, _ => SigningKey.FromPkcs8(pkcs8));
    }

    /// <summary>
    /// The log signer of a local chain (name = its origin), loaded once; null for a chain without a log key.
    /// </summary>
    public async Task<NoteSigner?> LogSignerAsync(ChainRecord chain, CancellationToken cancellationToken)
    {
        if (_logSigners.TryGetValue(chain.Id, out var signer))
        {
            return signer;
        }

        if (!chain.IsLocal || chain.Log is not { } vkey)
        {
            return null;
        }

        var row = (
            await tables.Chains.GetEntityAsync<TableEntity>(
                Partition,
                chain.Id.Value,
                cancellationToken: cancellationToken
            )
        ).Value;
        var seed =
            row.GetString("LogKey") is { } inline ? Convert.FromBase64String(inline)
            : row.GetString("LogKeySecret") is { } secret ? await vault.LoadAsync(secret, cancellationToken)
            : null;
        // The key lives as long as the process: signers are cached per chain.
        return seed is null
            ? null
            : _logSigners.GetOrAdd(chain.Id, _ => new NoteSigner(vkey.Name, Ed25519Key.FromSeed(seed)));
    }

    private ChainRecord Remember(TableEntity row)
    {
        using var settings = JsonDocument.Parse(LongText.Read(row, "Settings"));
        var record = new ChainRecord
        {
            Settings =
                ChainSettingsJson.TryRead(settings.RootElement, out var error)
                ?? throw new InvalidDataException($"stored settings of chain '{row.RowKey}' are invalid: {error}"),
            RemoteUrl = row.GetString("RemoteUrl") is { } url ? new Uri(url) : null,
            BpscPublicKey = row.GetString("PublicKey"),
            LogVerifierKey = row.GetString("LogVerifierKey"),
        };
        return _cache.GetOrAdd(record.Id, record);
    }
}
