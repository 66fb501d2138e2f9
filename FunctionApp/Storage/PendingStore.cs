using Azure;
using Azure.Data.Tables;
using SmartChain.FunctionApp.Accepting;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Accepted entries and their receipts, in <c>pending</c>, partitioned by <c>chain|shard</c> (16 shards):
/// RowKey <c>p{seq}</c> for a row of entries waiting for a block (<see cref="PendingRow"/>; seq sorts by
/// acceptance), <c>r{id}</c> for the receipt each entry becomes. Because both live in one partition, "no longer
/// pending, now in block N at position P" is one atomic batch, so an entry is never both or neither.
/// </summary>
public sealed class PendingStore(Tables tables)
{
    public const int Shards = 16;
    private const int BatchLimit = 100;

    public static string Partition(string chain, int shard) => $"{chain}|{shard:x}";

    /// <summary>Inserts one row of entries (see <see cref="PendingRow.Build"/>): a single entity, so all are durable, or none.</summary>
    public Task InsertAsync(string chain, IReadOnlyList<PendingEntry> row, CancellationToken cancellationToken) =>
        tables.Pending.AddEntityAsync(PendingRow.Build(chain, row), cancellationToken);

    /// <summary>
    /// The oldest pending entries of a chain across its shards, in acceptance order: whole rows, oldest first, while
    /// they hold at most <paramref name="max"/> entries together (a block never splits a row).
    /// </summary>
    public async Task<IReadOnlyList<PendingEntry>> ReadOldestAsync(string chain, int max, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(shard => ReadShardAsync(chain, shard, max, cancellationToken)));
        var oldest = new List<PendingEntry>();
        foreach (var row in shards.SelectMany(rows => rows).OrderBy(row => row[0].Ref.Seq, StringComparer.Ordinal))
        {
            if (oldest.Count + row.Count > max)
            {
                // A group is never larger than its chain's max_block_tx, so only a broken row can fill no block at all.
                return oldest.Count > 0 ? oldest : throw new InvalidDataException($"chain '{chain}': pending row {row[0].Ref} holds {row.Count} entries, more than a block's {max}");
            }

            oldest.AddRange(row);
        }

        return oldest;
    }

    /// <summary>
    /// The follow-up of a committed block: each included row leaves <c>pending</c> together with a receipt for each
    /// of its entries, in one entity-group transaction (small rows of a shard share one, up to 100 actions).
    /// Idempotent: a re-run after a crash finds some rows already moved and completes the rest.
    /// </summary>
    public async Task CompleteAsync(long blockIndex, IReadOnlyList<(PendingRef Ref, Receipt Receipt)> moves, string chain, CancellationToken cancellationToken)
    {
        var batches = moves.GroupBy(m => m.Ref.Shard).SelectMany(shard => Transactions(Partition(chain, shard.Key), shard, blockIndex));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (actions, ct) =>
        {
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

    /// <summary>
    /// The receipt of <paramref name="id"/> in <paramref name="shard"/>, or pending if a row holds it, or null.
    /// <paramref name="seq"/> is the entry's own acceptance sequence (a node-assigned id's) or its row's (a ledger
    /// id's, from its index row): either way its row is the last one keyed at or before it within its range.
    /// </summary>
    public async Task<Receipt?> FindAsync(string chain, int shard, string id, string seq, CancellationToken cancellationToken)
    {
        var partition = Partition(chain, shard);
        var receipt = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(partition, "r" + id, cancellationToken: cancellationToken);
        if (receipt.HasValue)
        {
            var row = receipt.Value!;
            return new Receipt(id, row.GetString("Status"), row.GetInt64("Block"), row.GetInt32("Position"), row.GetString("Reason"));
        }

        // A row's entries share its key's millisecond and tag, so the row holding seq is in this short range.
        var range = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {PendingRow.Key(AcceptanceSequence.RangePrefix(seq))} and RowKey le {PendingRow.Key(seq)}");
        TableEntity? holder = null;
        await foreach (var row in tables.Pending.QueryAsync<TableEntity>(range, select: ["Ids"], cancellationToken: cancellationToken))
        {
            holder = row;
        }

        return holder is not null && PendingRow.Ids(holder).Contains(id) ? new Receipt(id, Receipt.Pending, null, null, null) : null;
    }

    /// <summary>Rows of one shard, oldest first, until they hold <paramref name="max"/> entries: no later row of it can enter the block.</summary>
    private async Task<List<IReadOnlyList<PendingEntry>>> ReadShardAsync(string chain, int shard, int max, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<PendingEntry>>();
        var entries = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(chain, shard)} and RowKey ge {"p"} and RowKey lt {"q"}");
        // A row holds up to 99 entries: pages of at most 100 rows keep a backlog from being read far past max.
        await foreach (var row in tables.Pending.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 100), cancellationToken: cancellationToken))
        {
            rows.Add(PendingRow.Entries(shard, row));
            entries += rows[^1].Count;
            if (entries >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Delete-row and upsert-receipt actions for whole rows of one shard, packed into transactions of at most 100 actions.</summary>
    private static IEnumerable<List<TableTransactionAction>> Transactions(string partition, IEnumerable<(PendingRef Ref, Receipt Receipt)> moves, long blockIndex)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var row in moves.GroupBy(m => m.Ref.Seq))
        {
            if (actions.Count > 0 && actions.Count + row.Count() + 1 > BatchLimit)
            {
                yield return actions;
                actions = [];
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, PendingRow.Key(row.Key)), ETag.All));
            actions.AddRange(row.Select(m => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ReceiptRow(partition, m.Receipt, blockIndex))));
        }

        if (actions.Count > 0)
        {
            yield return actions;
        }
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
