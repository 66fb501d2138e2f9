using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Accepted entries and their receipts, in <c>pending</c>, partitioned by <c>chain|shard</c> (16 shards):
/// RowKey <c>p{seq}</c> for an entry waiting for a block (seq sorts by acceptance), <c>r{id}</c> for the receipt
/// it becomes. Because both live in one partition, "no longer pending, now in block N at position P" is one
/// atomic batch, so an entry is never both or neither.
/// </summary>
public sealed class PendingStore(Tables tables)
{
    public const int Shards = 16;
    private const int BatchLimit = 100;

    public static string Partition(string chain, int shard) => $"{chain}|{shard:x}";

    /// <summary>Inserts entries of one shard in one entity-group transaction: all are durable, or none.</summary>
    public Task InsertAsync(string chain, int shard, IReadOnlyList<PendingEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count > BatchLimit)
        {
            throw new ArgumentException($"a batch holds at most {BatchLimit} entries", nameof(entries));
        }

        var partition = Partition(chain, shard);
        return tables.Pending.SubmitTransactionAsync(
            entries.Select(e => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "p" + e.Ref.Seq) { ["Id"] = e.Ref.Id, ["Tx"] = e.Text })),
            cancellationToken);
    }

    /// <summary>The oldest <paramref name="max"/> pending entries of a chain across its shards, in acceptance order.</summary>
    public async Task<IReadOnlyList<PendingEntry>> ReadOldestAsync(string chain, int max, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => ReadShardAsync(chain, shard, max, cancellationToken)));
        return shards.SelectMany(entries => entries).OrderBy(e => e.Ref.Seq, StringComparer.Ordinal).Take(max).ToList();
    }

    /// <summary>
    /// The follow-up of a committed block: each included entry leaves the pending rows and gets its receipt,
    /// atomically per shard. Idempotent: a re-run after a crash finds some rows already moved and completes the rest.
    /// </summary>
    public async Task CompleteAsync(long blockIndex, IReadOnlyList<(PendingRef Ref, Receipt Receipt)> moves, string chain, CancellationToken cancellationToken)
    {
        var batches = moves.GroupBy(m => m.Ref.Shard).SelectMany(shard => shard.Chunk(BatchLimit / 2).Select(chunk => (Shard: shard.Key, Moves: chunk)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var partition = Partition(chain, batch.Shard);
            var actions = batch.Moves.SelectMany(m => new[]
            {
                new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, "p" + m.Ref.Seq), ETag.All),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, ReceiptRow(partition, m.Receipt, blockIndex)),
            }).ToList();
            try
            {
                await tables.Pending.SubmitTransactionAsync(actions, ct);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // An earlier, interrupted follow-up already moved some of these: finish them one by one.
                foreach (var action in actions)
                {
                    await ApplyIgnoringMissingAsync(action, ct);
                }
            }
        });
    }

    /// <summary>The receipt of <paramref name="id"/> in <paramref name="shard"/>, or its pending row, or null.</summary>
    public async Task<Receipt?> FindAsync(string chain, int shard, string id, string seq, CancellationToken cancellationToken)
    {
        var partition = Partition(chain, shard);
        var receipt = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(partition, "r" + id, cancellationToken: cancellationToken);
        if (receipt.HasValue)
        {
            var row = receipt.Value!;
            return new Receipt(id, row.GetString("Status"), row.GetInt64("Block"), row.GetInt32("Position"), row.GetString("Reason"));
        }

        var pending = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(partition, "p" + seq, select: ["Id"], cancellationToken: cancellationToken);
        return pending.HasValue && pending.Value!.GetString("Id") == id ? new Receipt(id, Receipt.Pending, null, null, null) : null;
    }

    private async Task<List<PendingEntry>> ReadShardAsync(string chain, int shard, int max, CancellationToken cancellationToken)
    {
        var entries = new List<PendingEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(chain, shard)} and RowKey ge {"p"} and RowKey lt {"q"}");
        await foreach (var row in tables.Pending.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
        {
            entries.Add(new PendingEntry(new PendingRef(shard, row.RowKey[1..], row.GetString("Id")), row.GetString("Tx")));
            if (entries.Count >= max)
            {
                break;
            }
        }

        return entries;
    }

    private static TableEntity ReceiptRow(string partition, Receipt receipt, long blockIndex) => new(partition, "r" + receipt.Id)
    {
        ["Status"] = receipt.Status,
        ["Block"] = blockIndex,
        ["Position"] = receipt.Position,
        ["Reason"] = receipt.Reason,
    };

    private async Task ApplyIgnoringMissingAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        try
        {
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                await tables.Pending.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
            else
            {
                await tables.Pending.UpsertEntityAsync((TableEntity)action.Entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already moved by the earlier run: nothing to do.
        }
    }
}
