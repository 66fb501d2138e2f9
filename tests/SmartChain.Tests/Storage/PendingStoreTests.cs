using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class PendingStoreTests
{
    private static readonly ChainId Aka = ChainId.Parse("aka");

    // One millisecond throughout: ranges taken one after another then share a prefix and interleave only by counter.
    private readonly AcceptanceSequence _sequence = new(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55)));
    private int _made;

    [Fact]
    public async Task InsertedRowsAreReadOldestFirstAcrossShards()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = Rows(40, size: 3);
        await InsertAsync(store, rows.AsEnumerable().Reverse());

        var oldest = await store.ReadOldestAsync(Aka, 25, CancellationToken.None);

        var expected = rows.SelectMany(row => row).Take(24).ToList(); // eight whole rows: a ninth would make 27
        Assert.Equal(expected.Select(e => e.Ref), oldest.Select(e => e.Ref));
        Assert.Equal(expected.Select(e => e.Text), oldest.Select(e => e.Text));
    }

    [Fact]
    public async Task GroupRowGivesBackItsEntriesInOrderWithTheirOwnIds()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var seqs = _sequence.NextRange(PendingRow.MaxEntries);
        var row = Row(shard: 7, seqs);
        await store.InsertAsync(Aka, row, CancellationToken.None);

        var read = await store.ReadOldestAsync(Aka, 1000, CancellationToken.None);

        Assert.Equal(seqs.Select(seq => AcceptanceSequence.IdFor(7, seq)), read.Select(e => e.Ref.Id));
        Assert.All(read, e => Assert.Equal(new PendingRef(7, seqs[0], e.Ref.Id), e.Ref));
        Assert.Equal(row.Select(e => e.Text), read.Select(e => e.Text));
    }

    [Theory]
    [InlineData(2, 2)] // the first row alone
    [InlineData(4, 2)] // 2 + 3 > 4: the second row waits whole
    [InlineData(5, 5)]
    [InlineData(8, 5)] // 2 + 3 + 4 > 8
    [InlineData(9, 9)]
    [InlineData(100, 10)]
    public async Task ReadOldestTakesWholeRowsOnlyUpToMax(int max, int expected)
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = new[] { 2, 3, 4, 1 }.Select((size, i) => Row(shard: i % 2, _sequence.NextRange(size))).ToList();
        await InsertAsync(store, rows);

        var oldest = await store.ReadOldestAsync(Aka, max, CancellationToken.None);

        Assert.Equal(rows.SelectMany(row => row).Take(expected).Select(e => e.Ref), oldest.Select(e => e.Ref));
    }

    [Fact]
    public async Task ARowLargerThanABlockIsABrokenInvariantNotAnEmptyBlock()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        await store.InsertAsync(Aka, Row(shard: 0, _sequence.NextRange(5)), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadOldestAsync(Aka, 4, CancellationToken.None));
    }

    [Fact]
    public async Task FollowUpIsIdempotentWhenRunTwice()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        // Full group rows in every shard, and single-entry rows (as ledger acceptances write) that share transactions.
        var rows = Rows(10, size: PendingRow.MaxEntries)
            .Concat(Enumerable.Range(0, 120).Select(_ => Row(shard: 5, _sequence.NextRange(1))))
            .ToList();
        await InsertAsync(store, rows);
        var entries = rows.SelectMany(row => row).ToList();

        var moves = Moves(entries, 7);
        await store.CompleteAsync(7, moves, Aka, CancellationToken.None);
        await store.CompleteAsync(7, moves, Aka, CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync(Aka, 10_000, CancellationToken.None));
        for (var i = 0; i < entries.Count; i += 13)
        {
            var receipt = await store.FindAsync(
                Aka,
                entries[i].Ref.Shard,
                entries[i].Ref.Id,
                OwnSeq(entries[i]),
                CancellationToken.None
            );
            Assert.Equal(
                (Receipt.Included, 7L, i),
                (receipt!.Status, receipt.BlockIndex!.Value, receipt.Position!.Value)
            );
        }
    }

    [Fact]
    public async Task FollowUpCompletesWhatAnInterruptedRunLeft()
    {
        var tables = await TestTables.CreateAsync();
        var store = new PendingStore(tables);
        var rows = Rows(40, size: 4)
            .Concat(Enumerable.Range(0, 60).Select(_ => Row(shard: 2, _sequence.NextRange(1))))
            .ToList();
        await InsertAsync(store, rows);
        var entries = rows.SelectMany(row => row).ToList();
        var moves = Moves(entries, 3);

        // The crashed run got through some rows only, in several shards and within one shard.
        var done = rows.Where((_, i) => i % 3 == 0).SelectMany(row => row).Select(e => e.Ref.Id).ToHashSet();
        await store.CompleteAsync(3, moves.Where(m => done.Contains(m.Ref.Id)).ToList(), Aka, CancellationToken.None);

        // Each row moved whole or not at all: it is a pending row or a receipt row, never both or neither.
        foreach (var row in rows)
        {
            var partition = PendingStore.Partition(Aka, row[0].Ref.Shard);
            var inRow = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(
                partition,
                PendingRow.Key(row[0].Ref.Seq)
            );
            var receipted = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(
                partition,
                ReceiptRow.Key(row[0].Ref.Seq)
            );
            Assert.Equal(done.Contains(row[0].Ref.Id), !inRow.HasValue);
            Assert.Equal(!inRow.HasValue, receipted.HasValue);
        }

        await store.CompleteAsync(3, moves, Aka, CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync(Aka, 1000, CancellationToken.None));
        Assert.Equal(entries.Select(e => e.Ref.Id).Order(), (await ReceiptedIdsAsync(tables)).Order());
        foreach (var (entry, position) in entries.Select((e, p) => (e, p)))
        {
            var receipt = await store.FindAsync(
                Aka,
                entry.Ref.Shard,
                entry.Ref.Id,
                OwnSeq(entry),
                CancellationToken.None
            );
            Assert.Equal(
                (Receipt.Included, 3L, position),
                (receipt!.Status, receipt.BlockIndex!.Value, receipt.Position!.Value)
            );
        }
    }

    [Fact]
    public async Task FollowUpWritesOneReceiptRowPerPendingRow()
    {
        var tables = await TestTables.CreateAsync();
        var store = new PendingStore(tables);
        var rows = Rows(20, size: 7);
        await InsertAsync(store, rows);

        await store.CompleteAsync(4, Moves(rows.SelectMany(row => row).ToList(), 4), Aka, CancellationToken.None);

        var stored = await tables
            .Pending.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"p"} and RowKey lt {"s"}"))
            .ToListAsync();
        Assert.Equal(
            rows.Select(row => PendingStore.Partition(Aka, row[0].Ref.Shard) + "/" + ReceiptRow.Key(row[0].Ref.Seq))
                .Order(),
            stored.Select(r => r.PartitionKey + "/" + r.RowKey).Order()
        );
    }

    [Fact]
    public async Task ReceiptOfAnEntryInTheMiddleOfARowNamesItsBlockPositionAndRefundReason()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = new[] { 5, 9, 4 }.Select((size, i) => Row(shard: 6, _sequence.NextRange(size))).ToList();
        await InsertAsync(store, rows);
        var entries = rows.SelectMany(row => row).ToList();
        // Block 12 holds an earlier entry at position 0, then these: the middle row starts at 6.
        var moves = Moves(entries, 12, firstPosition: 1, refunded: [entries[9].Ref.Id, entries[11].Ref.Id]);

        await store.CompleteAsync(12, moves, Aka, CancellationToken.None);

        var middle = await FindAsync(store, 6, OwnSeq(entries[8]));
        Assert.Equal(new Receipt(entries[8].Ref.Id, Receipt.Included, 12, 9, null), middle);
        var refunded = await FindAsync(store, 6, OwnSeq(entries[9]));
        Assert.Equal(new Receipt(entries[9].Ref.Id, Receipt.Refunded, 12, 10, "recipient_blocked"), refunded);
        Assert.Equal(
            new Receipt(entries[10].Ref.Id, Receipt.Included, 12, 11, null),
            await FindAsync(store, 6, OwnSeq(entries[10]))
        );
        Assert.Equal(Receipt.Refunded, (await FindAsync(store, 6, OwnSeq(entries[11])))?.Status);
        Assert.Equal(
            new Receipt(entries[17].Ref.Id, Receipt.Included, 12, 18, null),
            await FindAsync(store, 6, OwnSeq(entries[17]))
        );
        Assert.Equal(
            new Receipt(entries[0].Ref.Id, Receipt.Included, 12, 1, null),
            await FindAsync(store, 6, OwnSeq(entries[0]))
        );
    }

    [Fact]
    public async Task ReceiptedEntryIsFoundAndAnIdBetweenReceiptRowsIsNot()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var first = _sequence.NextRange(5);
        var between = _sequence.NextRange(3); // taken by a group that went to another shard
        var second = _sequence.NextRange(4);
        var rows = new[] { Row(shard: 3, first), Row(shard: 9, between), Row(shard: 3, second) };
        await InsertAsync(store, rows);

        await store.CompleteAsync(2, Moves(rows.SelectMany(row => row).ToList(), 2), Aka, CancellationToken.None);

        Assert.Equal((Receipt.Included, 4), await StatusAsync(store, 3, first[4]));
        Assert.Equal((Receipt.Included, 6), await StatusAsync(store, 9, between[1]));
        Assert.Equal((Receipt.Included, 11), await StatusAsync(store, 3, second[3]));
        Assert.Null(await FindAsync(store, 3, between[1]));
        Assert.Null(await FindAsync(store, 3, between[2]));
        Assert.Null(await FindAsync(store, 9, first[4]));
        Assert.Null(await FindAsync(store, 3, _sequence.Next()));
    }

    [Fact]
    public async Task AReceiptRowOnceReadAnswersEveryEntryOfItWithoutStorage()
    {
        var tables = await TestTables.CreateAsync();
        var store = new PendingStore(tables);
        var seqs = _sequence.NextRange(4);
        await InsertAsync(store, [Row(shard: 2, seqs)]);
        await store.CompleteAsync(3, Moves(Row(shard: 2, seqs), 3), Aka, CancellationToken.None);
        Assert.Equal((Receipt.Included, 0), await StatusAsync(store, 2, seqs[0]));

        // Receipt rows are final; were one deleted behind the store's back, the entries it held are still known.
        var row = await tables.Pending.GetEntityAsync<Azure.Data.Tables.TableEntity>(
            PendingStore.Partition(Aka, 2),
            ReceiptRow.Key(seqs[0])
        );
        await tables.Pending.DeleteEntityAsync(row.Value);
        Assert.Equal((Receipt.Included, 3), await StatusAsync(store, 2, seqs[3]));
        Assert.Null(await FindAsync(new PendingStore(tables), 2, seqs[3]));
    }

    [Fact]
    public async Task LedgerEntryIsReceiptedUnderItsRowSequence()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var seqs = new[] { _sequence.Next(), _sequence.Next(), _sequence.Next() };
        var ids = new[] { Id('a'), Id('b'), Id('c') };
        var rows = seqs.Select(
                (seq, i) => new List<PendingEntry> { new(new PendingRef(4, seq, ids[i]), "{\"type\":\"transfer\"}") }
            )
            .ToList();
        await InsertAsync(store, rows);

        var moves = Moves(rows.SelectMany(row => row).ToList(), 5, refunded: [ids[1]]);
        await store.CompleteAsync(5, moves, Aka, CancellationToken.None);

        Assert.Equal(
            new Receipt(ids[1], Receipt.Refunded, 5, 1, "recipient_blocked"),
            await store.FindAsync(Aka, 4, ids[1], seqs[1], CancellationToken.None)
        );
        Assert.Equal(
            new Receipt(ids[2], Receipt.Included, 5, 2, null),
            await store.FindAsync(Aka, 4, ids[2], seqs[2], CancellationToken.None)
        );
        Assert.Null(await store.FindAsync(Aka, 4, ids[0], seqs[1], CancellationToken.None));
        Assert.Null(await store.FindAsync(Aka, 4, Id('f'), seqs[1], CancellationToken.None));
    }

    [Fact]
    public async Task LookupOfAnEntryWhoseRowIsBeingMovedNeverMissesIt()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = Enumerable.Range(0, 60).Select(_ => Row(shard: 1, _sequence.NextRange(2))).ToList();
        await InsertAsync(store, rows);
        var moves = Moves(rows.SelectMany(row => row).ToList(), 8);

        // Rows move one transaction at a time while lookups keep asking for the oldest entry not yet seen receipted, so
        // moves land between a lookup's two reads: read in the wrong order, such a lookup would find the entry in
        // neither.
        var mover = Task.Run(async () =>
        {
            foreach (var row in moves.Chunk(2))
            {
                await store.CompleteAsync(8, row, Aka, CancellationToken.None);
            }
        });
        var next = 0;
        while (next < moves.Count)
        {
            var receipt = await FindAsync(store, 1, OwnSeq(moves[next].Ref.Id));
            Assert.True(
                receipt is { Status: Receipt.Pending or Receipt.Included },
                $"{moves[next].Ref.Id} was {receipt?.Status ?? "not found"} while its row moved"
            );
            next += receipt!.Status == Receipt.Included ? 1 : 0;
            Assert.False(mover.IsFaulted);
        }

        await mover;
    }

    private static Task<Receipt?> FindAsync(PendingStore store, int shard, string seq) =>
        store.FindAsync(Aka, shard, AcceptanceSequence.IdFor(shard, seq), seq, CancellationToken.None);

    private static async Task InsertAsync(PendingStore store, IEnumerable<List<PendingEntry>> rows)
    {
        foreach (var row in rows)
        {
            await store.InsertAsync(Aka, row, CancellationToken.None);
        }
    }

    /// <summary>The sequence a node-assigned id carries (a status lookup knows only the id).</summary>
    private static string OwnSeq(PendingEntry entry) => OwnSeq(entry.Ref.Id);

    private static string OwnSeq(TxId id) => AcceptanceSequence.Locate(id)!.Value.Seq;

    /// <summary>A ledger id: 64 times <paramref name="digit"/>.</summary>
    private static TxId Id(char digit) => TxId.Parse(new string(digit, 64));

    private static async Task<(string, int)?> StatusAsync(PendingStore store, int shard, string seq) =>
        await FindAsync(store, shard, seq) is { } receipt ? (receipt.Status, receipt.Position!.Value) : null;

    /// <summary>Every id the receipt rows of the tables hold, once per time it is held.</summary>
    private static async Task<List<TxId>> ReceiptedIdsAsync(Tables tables) =>
        (
            await tables
                .Pending.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"r"} and RowKey lt {"s"}"))
                .ToListAsync()
        )
            .SelectMany(row => row.GetString("Ids").Split('\n'))
            .Select(TxId.Parse)
            .ToList();

    /// <summary>
    /// The follow-up's moves of a block holding <paramref name="entries"/> from <paramref name="firstPosition"/> on,
    /// some refunded.
    /// </summary>
    private static List<(PendingRef Ref, Receipt Receipt)> Moves(
        List<PendingEntry> entries,
        long block,
        int firstPosition = 0,
        IReadOnlyCollection<TxId>? refunded = null
    ) =>
        entries
            .Select(
                (e, i) =>
                    (
                        e.Ref,
                        refunded?.Contains(e.Ref.Id) == true
                            ? new Receipt(e.Ref.Id, Receipt.Refunded, block, firstPosition + i, "recipient_blocked")
                            : new Receipt(e.Ref.Id, Receipt.Included, block, firstPosition + i, null)
                    )
            )
            .ToList();

    /// <summary>
    /// <paramref name="count"/> rows in acceptance order, spread over the shards as the group committer spreads them.
    /// </summary>
    private List<List<PendingEntry>> Rows(int count, int size) =>
        Enumerable.Range(0, count).Select(i => Row(i % PendingStore.Shards, _sequence.NextRange(size))).ToList();

    /// <summary>A row as group commit writes it: ids from one sequence range, keyed by the first.</summary>
    private List<PendingEntry> Row(int shard, IReadOnlyList<string> seqs) =>
        seqs.Select(seq =>
            {
                var id = AcceptanceSequence.IdFor(shard, seq);
                return new PendingEntry(
                    new PendingRef(shard, seqs[0], id),
                    $"{{\"id\":\"{id}\",\"information\":{++_made},\"type\":\"record\"}}"
                );
            })
            .ToList();
}
