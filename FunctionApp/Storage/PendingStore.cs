using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Accepted entries and their receipts, in <c>pending</c>, partitioned by <c>chain|shard</c> (16 shards):
/// RowKey <c>p{seq}</c> for a row of entries waiting for a block (<see cref="PendingRow"/>; seq sorts by
/// acceptance), <c>r{seq}</c> for the receipt row that replaces it once the block is committed
/// (<see cref="ReceiptRow"/>). Because both live in one partition, "no longer pending, now in block N at positions P…"
/// is one atomic batch, so an entry is never both or neither.
/// </summary>
public sealed class PendingStore(Tables tables)
{
    private readonly ReceiptCache _receipts = new();

    public const int Shards = 16;
    private const int BatchLimit = 100;

    public static string Partition(ChainId chain, int shard) => $"{chain.Value}|{shard:x}";

    /// <summary>
    /// Inserts one row of entries (see <see cref="PendingRow.Build"/>): a single entity, so all are durable, or none.
    /// </summary>
    public Task InsertAsync(ChainId chain, IReadOnlyList<PendingEntry> row, CancellationToken cancellationToken) =>
        tables.Pending.AddEntityAsync(PendingRow.Build(chain, row), cancellationToken);

    /// <summary>
    /// The oldest pending entries of a chain across its shards, in acceptance order: whole rows, oldest first, while
    /// they hold at most <paramref name="max"/> entries together (a block never splits a row).
    /// </summary>
    public async Task<IReadOnlyList<PendingEntry>> ReadOldestAsync(
        ChainId chain,
        int max,
        CancellationToken cancellationToken
    )
    {
        var shards = await Task.WhenAll(
            Enumerable.Range(0, Shards).Select(shard => ReadShardAsync(chain, shard, max, cancellationToken))
        );
        var oldest = new List<PendingEntry>();
        foreach (var row in shards.SelectMany(rows => rows).OrderBy(row => row[0].Ref.Seq, StringComparer.Ordinal))
        {
            if (oldest.Count + row.Count > max)
            {
                // A group is never larger than its chain's max_block_tx, so only a broken row can fill no block at all.
                return oldest.Count > 0
                    ? oldest
                    : throw new InvalidDataException(
                        $"chain '{chain}': pending row {row[0].Ref} holds {row.Count} entries, more than a block's "
                            + $"{max}"
                    );
            }

            oldest.AddRange(row);
        }

        return oldest;
    }

    /// <summary>
    /// How many entries wait in <paramref name="chain"/>'s pending rows (counted only until
    /// <paramref name="countUpTo"/>) and the sequence of the oldest, reading keys and ids only, never entry texts.
    /// Rows in <paramref name="forged"/> (shard, sequence) are in the head block already and are skipped.
    /// </summary>
    public async Task<(long Count, string? OldestSeq)> ReadBacklogAsync(
        ChainId chain,
        long countUpTo,
        IReadOnlySet<(int Shard, string Seq)> forged,
        CancellationToken cancellationToken
    )
    {
        var shards = await Task.WhenAll(
            Enumerable
                .Range(0, Shards)
                .Select(shard => ReadShardBacklogAsync(chain, shard, countUpTo, forged, cancellationToken))
        );
        var oldest = shards
            .Where(s => s.OldestSeq is not null)
            .Select(s => s.OldestSeq!)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        return (shards.Sum(s => s.Count), oldest);
    }

    private async Task<(long Count, string? OldestSeq)> ReadShardBacklogAsync(
        ChainId chain,
        int shard,
        long countUpTo,
        IReadOnlySet<(int, string)> forged,
        CancellationToken cancellationToken
    )
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(chain, shard)} and RowKey ge {"p"} and RowKey lt {"q"}"
        );
        long count = 0;
        string? oldest = null;
        var rows = tables.Pending.QueryAsync<TableEntity>(
            filter,
            select: ["RowKey", "Ids"],
            cancellationToken: cancellationToken
        );
        await foreach (var row in rows)
        {
            if (forged.Contains((shard, row.RowKey[1..])))
            {
                continue;
            }

            // Rows sort by acceptance: the first one is this shard's oldest.
            oldest ??= row.RowKey[1..];
            count += PendingRow.Ids(row).Length;
            if (count >= countUpTo)
            {
                break;
            }
        }

        return (count, oldest);
    }

    /// <summary>
    /// The follow-up of a committed block: each included pending row <c>p{seq}</c> is deleted and its receipt row
    /// <c>r{seq}</c> written in one entity-group transaction (rows of a shard share one, up to 50 rows).
    /// <paramref name="moves"/> are the block's entries with their receipts, in block order.
    /// Idempotent: a re-run after a crash finds some rows already moved and completes the rest.
    /// </summary>
    public async Task CompleteAsync(
        long blockIndex,
        IReadOnlyList<(PendingRef Ref, Receipt Receipt)> moves,
        ChainId chain,
        CancellationToken cancellationToken
    )
    {
        var batches = moves
            .GroupBy(m => m.Ref.Shard)
            .SelectMany(shard =>
            {
                var partition = Partition(chain, shard.Key);
                return shard
                    .GroupBy(m => m.Ref.Seq)
                    .Select(row => new RowMove(
                        partition,
                        row.Key,
                        ReceiptRow.Build(partition, row.Key, blockIndex, row.Select(m => m.Receipt).ToList())
                    ))
                    .Chunk(BatchLimit / 2);
            });
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (rows, ct) =>
            {
                try
                {
                    await tables.Pending.SubmitTransactionAsync(rows.SelectMany(row => row.Actions()), ct);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // An earlier, interrupted follow-up already moved some of these rows, each with its receipt row (a
                    // lone row was the one moved): move the rest row by row, each still together with its receipt row.
                    if (rows.Length > 1)
                    {
                        foreach (var row in rows)
                        {
                            await MoveUnlessMovedAsync(row, ct);
                        }
                    }
                }
            }
        );
    }

    /// <summary>
    /// The receipt of <paramref name="id"/> in <paramref name="shard"/>, or pending if a pending row holds it, or null.
    /// <paramref name="seq"/> is the entry's own acceptance sequence (a node-assigned id's) or its row's key (a ledger
    /// id's, from its index row): either way its row, pending or receipt, is the last one keyed at or before it within
    /// its range.
    /// </summary>
    public async Task<Receipt?> FindAsync(
        ChainId chain,
        int shard,
        TxId id,
        string seq,
        CancellationToken cancellationToken
    )
    {
        if (_receipts.Find(chain, id) is { } known)
        {
            return known;
        }

        var partition = Partition(chain, shard);
        // Receipt first (most lookups are of entries in blocks: one read), then pending, then the receipt again: the
        // follow-up replaces p{seq} by r{seq} in one transaction and never removes a receipt row, so an entry found in
        // neither of the first two reads was moved between them and is a receipt at the third.
        if (await FindReceiptAsync(chain, partition, id, seq, cancellationToken) is { } receipt)
        {
            return receipt;
        }

        var pendingRow = await LastRowAtOrBeforeAsync(partition, PendingRow.Key, seq, ["Ids"], cancellationToken);
        if (pendingRow is not null && PendingRow.Ids(pendingRow).Contains(id.Value))
        {
            return new Receipt(id, Receipt.Pending, null, null, null);
        }

        return await FindReceiptAsync(chain, partition, id, seq, cancellationToken);
    }

    private async Task<Receipt?> FindReceiptAsync(
        ChainId chain,
        string partition,
        TxId id,
        string seq,
        CancellationToken cancellationToken
    )
    {
        var receiptRow = await LastRowAtOrBeforeAsync(partition, ReceiptRow.Key, seq, null, cancellationToken);
        if (receiptRow is null)
        {
            return null;
        }

        var receipts = ReceiptRow.All(receiptRow);
        _receipts.Keep(chain, receipts);
        return receipts.FirstOrDefault(r => r.Id == id);
    }

    /// <summary>
    /// The row keyed <c>key(s)</c> with the greatest s at or before <paramref name="seq"/> that shares its millisecond
    /// and tag. A row is keyed by its first entry's sequence and its entries took consecutive sequences of one range,
    /// so no other row's key falls between: this is the only row that can hold the entry of <paramref name="seq"/> (for
    /// a ledger id, whose seq is its row's key, the row itself).
    /// </summary>
    private async Task<TableEntity?> LastRowAtOrBeforeAsync(
        string partition,
        Func<string, string> key,
        string seq,
        IEnumerable<string>? select,
        CancellationToken cancellationToken
    )
    {
        var (from, to) = (key(AcceptanceSequence.RangePrefix(seq)), key(seq));
        var range = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {from} and RowKey le {to}"
        );
        TableEntity? last = null;
        await foreach (
            var row in tables.Pending.QueryAsync<TableEntity>(
                range,
                select: select,
                cancellationToken: cancellationToken
            )
        )
        {
            last = row;
        }

        return last;
    }

    /// <summary>
    /// Rows of one shard, oldest first, until they hold <paramref name="max"/> entries: no later row of it can enter
    /// the block.
    /// </summary>
    private async Task<List<IReadOnlyList<PendingEntry>>> ReadShardAsync(
        ChainId chain,
        int shard,
        int max,
        CancellationToken cancellationToken
    )
    {
        var rows = new List<IReadOnlyList<PendingEntry>>();
        var entries = 0;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition(chain, shard)} and RowKey ge {"p"} and RowKey lt {"q"}"
        );
        // A row holds up to 99 entries: pages of at most 100 rows keep a backlog from being read far past max.
        await foreach (
            var row in tables.Pending.QueryAsync<TableEntity>(
                filter,
                maxPerPage: Math.Min(max, 100),
                cancellationToken: cancellationToken
            )
        )
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

    private async Task MoveUnlessMovedAsync(RowMove row, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Pending.SubmitTransactionAsync(row.Actions(), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Moved by the earlier run: its receipt row was written in the same transaction, nothing to do.
        }
    }

    /// <summary>
    /// Pending row <c>p{seq}</c> leaving for <paramref name="Receipt"/>, its <c>r{seq}</c>: two actions of one
    /// transaction.
    /// </summary>
    private sealed record RowMove(string Partition, string Seq, TableEntity Receipt)
    {
        public IEnumerable<TableTransactionAction> Actions() =>
            [
                new(TableTransactionActionType.Delete, new TableEntity(Partition, PendingRow.Key(Seq)), ETag.All),
                new(TableTransactionActionType.UpsertReplace, Receipt),
            ];
    }
}
