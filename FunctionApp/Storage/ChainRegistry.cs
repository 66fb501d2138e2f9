using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The chains a deployment holds, in the <c>chains</c> table (PartitionKey "chain", RowKey = chain id).
/// A chain's row is written once, by insert: whoever inserts first defines it (its settings and, for a local
/// chain, its BPSC private key — in the row, or in Key Vault when one is configured — which is never served);
/// everyone else reads that row.
/// </summary>
public sealed class ChainRegistry(Tables tables, SigningKeyVault vault)
{
    private const string Partition = "chain";
    private readonly ConcurrentDictionary<string, ChainRecord> _cache = new();
    private readonly ConcurrentDictionary<string, SigningKey> _keys = new();

    /// <summary>Creates the chain unless it exists; answers the stored record and whether this call created it.</summary>
    public async Task<(ChainRecord Record, bool Created)> CreateAsync(ChainSettings settings, Uri? remoteUrl, string? pinnedPublicKey, CancellationToken cancellationToken)
    {
        using var key = remoteUrl is null ? SigningKey.Generate() : null;
        var entity = new TableEntity(Partition, settings.Id.Value)
        {
            ["RemoteUrl"] = remoteUrl?.ToString(),
            ["PublicKey"] = key?.PublicKey.Base64Url ?? pinnedPublicKey,
        };
        // Settings with a large genesis outgrow one property.
        LongText.Write(entity, "Settings", ChainSettingsJson.Write(settings).ToJsonString());
        if (key is not null && vault.IsConfigured)
        {
            entity["KeySecret"] = await vault.StoreAsync(settings.Id.Value, key.ExportPkcs8(), cancellationToken);
        }
        else if (key is not null)
        {
            entity["PrivateKey"] = Convert.ToBase64String(key.ExportPkcs8());
        }

        try
        {
            await tables.Chains.AddEntityAsync(entity, cancellationToken);
            return (Remember(entity), true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await FindAsync(settings.Id.Value, cancellationToken);
            return (existing!, false);
        }
    }

    public async Task<ChainRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(id, out var cached))
        {
            return cached;
        }

        if (ChainId.TryParse(id) is null)
        {
            return null;
        }

        var row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken);
        return row.HasValue ? Remember(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ChainRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var records = new List<ChainRecord>();
        await foreach (var row in tables.Chains.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            records.Add(Remember(row));
        }

        return records;
    }

    /// <summary>The BPSC signing key of a local chain, loaded from storage once.</summary>
    public async Task<SigningKey> SigningKeyAsync(ChainId id, CancellationToken cancellationToken)
    {
        if (_keys.TryGetValue(id.Value, out var key))
        {
            return key;
        }

        var row = (await tables.Chains.GetEntityAsync<TableEntity>(Partition, id.Value, cancellationToken: cancellationToken)).Value;
        var pkcs8 = row.GetString("PrivateKey") is { } inline ? Convert.FromBase64String(inline)
            : row.GetString("KeySecret") is { } secret ? await vault.LoadAsync(secret, cancellationToken)
            : throw new InvalidOperationException($"chain '{id}' is not produced here");
        return _keys.GetOrAdd(id.Value, _ => SigningKey.FromPkcs8(pkcs8));
    }

    private ChainRecord Remember(TableEntity row)
    {
        using var settings = JsonDocument.Parse(LongText.Read(row, "Settings"));
        var record = new ChainRecord
        {
            Settings = ChainSettingsJson.TryRead(settings.RootElement, out var error)
                ?? throw new InvalidDataException($"stored settings of chain '{row.RowKey}' are invalid: {error}"),
            RemoteUrl = row.GetString("RemoteUrl") is { } url ? new Uri(url) : null,
            BpscPublicKey = row.GetString("PublicKey"),
        };
        return _cache.GetOrAdd(row.RowKey, record);
    }
}
