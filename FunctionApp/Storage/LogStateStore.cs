using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// What the transparency-log services keep beside the chains, in the <c>chains</c> table: the checkpoint a replica
/// mirrors (partition <c>checkpoint</c>), the cosignatures a BPSC collected for its checkpoint (<c>cosigned</c>), what
/// a witness recorded per log (<c>witnessed</c>) and the witness's own key (<c>witness</c>). Writes that must not roll
/// back go under the ETag of what was read: a false answer means another writer came first, read and judge again.
/// </summary>
public sealed class LogStateStore(Tables tables)
{
    private const string MirroredPartition = "checkpoint";
    private const string CosignedPartition = "cosigned";
    private const string WitnessedPartition = "witnessed";
    private const string WitnessKeyPartition = "witness";

    /// <summary>
    /// The checkpoint note a replica serves for <paramref name="chain"/>, with its size; null before one.
    /// </summary>
    public async Task<(long Size, string Note)?> ReadMirroredAsync(ChainId chain, CancellationToken cancellationToken)
    {
        var row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(
            MirroredPartition,
            chain.Value,
            cancellationToken: cancellationToken
        );
        return row.HasValue ? (row.Value!.GetInt64("Size") ?? 0, row.Value.GetString("Note")) : null;
    }

    public Task WriteMirroredAsync(ChainId chain, long size, string note, CancellationToken cancellationToken) =>
        tables.Chains.UpsertEntityAsync(
            new TableEntity(MirroredPartition, chain.Value) { ["Size"] = size, ["Note"] = note },
            TableUpdateMode.Replace,
            cancellationToken
        );

    /// <summary>The cosignatures kept for the checkpoint of <paramref name="chain"/> of this size and root.</summary>
    public async Task<LogState?> ReadCosignedAsync(ChainId chain, CancellationToken cancellationToken) =>
        await ReadAsync(CosignedPartition, chain, cancellationToken);

    /// <summary>
    /// Keeps <paramref name="state"/>; false when the row changed since <paramref name="read"/> was read.
    /// </summary>
    public Task<bool> TryKeepCosignedAsync(
        ChainId chain,
        LogState state,
        LogState? read,
        CancellationToken cancellationToken
    ) => TryWriteAsync(CosignedPartition, chain, state, read, cancellationToken);

    /// <summary>The size and root a witness recorded for <paramref name="chain"/>'s log, or null before any.</summary>
    public async Task<LogState?> ReadWitnessedAsync(ChainId chain, CancellationToken cancellationToken) =>
        await ReadAsync(WitnessedPartition, chain, cancellationToken);

    /// <summary>
    /// Records <paramref name="state"/>; false when the row changed since <paramref name="read"/> was read.
    /// </summary>
    public Task<bool> TryRecordWitnessedAsync(
        ChainId chain,
        LogState state,
        LogState? read,
        CancellationToken cancellationToken
    ) => TryWriteAsync(WitnessedPartition, chain, state, read, cancellationToken);

    /// <summary>
    /// The witness's key seed: the one stored, or <paramref name="fresh"/> stored now if there was none.
    /// </summary>
    public async Task<string> WitnessKeySeedAsync(Func<string> fresh, CancellationToken cancellationToken)
    {
        var row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(
            WitnessKeyPartition,
            "key",
            cancellationToken: cancellationToken
        );
        if (row.HasValue)
        {
            return row.Value!.GetString("Seed");
        }

        try
        {
            await tables.Chains.AddEntityAsync(
                new TableEntity(WitnessKeyPartition, "key") { ["Seed"] = fresh() },
                cancellationToken
            );
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // another process of this node created it first: use that one
        }

        row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(
            WitnessKeyPartition,
            "key",
            cancellationToken: cancellationToken
        );
        return row.Value!.GetString("Seed");
    }

    private async Task<LogState?> ReadAsync(string partition, ChainId chain, CancellationToken cancellationToken)
    {
        var row = await tables.Chains.GetEntityIfExistsAsync<TableEntity>(
            partition,
            chain.Value,
            cancellationToken: cancellationToken
        );
        return row.HasValue
            ? new LogState(
                row.Value!.GetInt64("Size")!.Value,
                row.Value.GetBinary("Root"),
                row.Value.GetString("Lines") ?? "",
                row.Value.ETag
            )
            : null;
    }

    private async Task<bool> TryWriteAsync(
        string partition,
        ChainId chain,
        LogState state,
        LogState? read,
        CancellationToken cancellationToken
    )
    {
        var entity = new TableEntity(partition, chain.Value) { ["Size"] = state.Size, ["Root"] = state.Root };
        if (state.Lines.Length > 0)
        {
            entity["Lines"] = state.Lines;
        }

        try
        {
            if (read is not null)
            {
                await tables.Chains.UpdateEntityAsync(entity, read.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await tables.Chains.AddEntityAsync(entity, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }
}

/// <summary>
/// A log's size and root as kept (with the cosignature lines collected for it, if any) and its row's ETag.
/// </summary>
public sealed record LogState(long Size, byte[] Root, string Lines, ETag ETag = default);
