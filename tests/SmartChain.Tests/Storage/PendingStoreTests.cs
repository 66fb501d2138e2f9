using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class PendingStoreTests
{
    // One millisecond throughout: ranges taken one after another then share a prefix and interleave only by counter.
    private readonly AcceptanceSequence _sequence = new(new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(55)));
    private int _made;

    [Fact]
    public async Task InsertedRowsAreReadOldestFirstAcrossShards()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = Rows(40, size: 3);
        await InsertAsync(store, rows.AsEnumerable().Reverse());

        var oldest = await store.ReadOldestAsync("aka", 25, CancellationToken.None);

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
        await store.InsertAsync("aka", row, CancellationToken.None);

        var read = await store.ReadOldestAsync("aka", 1000, CancellationToken.None);

        Assert.Equal(seqs.Select(seq => AcceptanceSequence.IdFor(7, seq)), read.Select(e => e.Ref.Id));
        Assert.All(read, e => Assert.Equal(new PendingRef(7, seqs[0], e.Ref.Id), e.Ref));
        Assert.Equal(row.Select(e => e.Text), read.Select(e => e.Text));
    }

    [Theory]
    [InlineData(2, 2)]  // the first row alone
    [InlineData(4, 2)]  // 2 + 3 > 4: the second row waits whole
    [InlineData(5, 5)]
    [InlineData(8, 5)]  // 2 + 3 + 4 > 8
    [InlineData(9, 9)]
    [InlineData(100, 10)]
    public async Task ReadOldestTakesWholeRowsOnlyUpToMax(int max, int expected)
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var rows = new[] { 2, 3, 4, 1 }.Select((size, i) => Row(shard: i % 2, _sequence.NextRange(size))).ToList();
        await InsertAsync(store, rows);

        var oldest = await store.ReadOldestAsync("aka", max, CancellationToken.None);

        Assert.Equal(rows.SelectMany(row => row).Take(expected).Select(e => e.Ref), oldest.Select(e => e.Ref));
    }

    [Fact]
    public async Task ARowLargerThanABlockIsABrokenInvariantNotAnEmptyBlock()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        await store.InsertAsync("aka", Row(shard: 0, _sequence.NextRange(5)), CancellationToken.None);

        await Assert.ThrowsAsync<InvalidDataException>(() => store.ReadOldestAsync("aka", 4, CancellationToken.None));
    }

    [Fact]
    public async Task FollowUpIsIdempotentWhenRunTwice()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        // Full group rows in every shard, and single-entry rows (as ledger acceptances write) that share transactions.
        var rows = Rows(10, size: PendingRow.MaxEntries).Concat(Enumerable.Range(0, 120).Select(_ => Row(shard: 5, _sequence.NextRange(1)))).ToList();
        await InsertAsync(store, rows);
        var entries = rows.SelectMany(row => row).ToList();

        var moves = Moves(entries, 7);
        await store.CompleteAsync(7, moves, "aka", CancellationToken.None);
        await store.CompleteAsync(7, moves, "aka", CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync("aka", 10_000, CancellationToken.None));
        for (var i = 0; i < entries.Count; i += 13)
        {
            var receipt = await store.FindAsync("aka", entries[i].Ref.Shard, entries[i].Ref.Id, OwnSeq(entries[i]), CancellationToken.None);
            Assert.Equal((Receipt.Included, 7L, i), (receipt!.Status, receipt.BlockIndex!.Value, receipt.Position!.Value));
        }
    }

    [Fact]
    public async Task FollowUpCompletesWhatAnInterruptedRunLeft()
    {
        var tables = await TestTables.CreateAsync();
        var store = new PendingStore(tables);
        var rows = Rows(40, size: 4).Concat(Enumerable.Range(0, 60).Select(_ => Row(shard: 2, _sequence.NextRange(1)))).ToList();
        await InsertAsync(store, rows);
        var entries = rows.SelectMany(row => row).ToList();
        var moves = Moves(entries, 3);

        // The crashed run got through some rows only, in several shards and within one shard.
        var done = rows.Where((_, i) => i % 3 == 0).SelectMany(row => row).Select(e => e.Ref.Id).ToHashSet();
        await store.CompleteAsync(3, moves.Where(m => done.Contains(m.Ref.Id)).ToList(), "aka", CancellationToken.None);

        // Each row moved whole or not at all: its entries are all receipts, or all still in the row.
        foreach (var row in rows)
        {
            var inRow = await tables.Pending.GetEntityIfExistsAsync<TableEntity>(PendingStore.Partition("aka", row[0].Ref.Shard), PendingRow.Key(row[0].Ref.Seq));
            var receipts = await Task.WhenAll(row.Select(e => tables.Pending.GetEntityIfExistsAsync<TableEntity>(PendingStore.Partition("aka", e.Ref.Shard), "r" + e.Ref.Id)));
            Assert.Equal(done.Contains(row[0].Ref.Id), !inRow.HasValue);
            Assert.All(receipts, r => Assert.Equal(!inRow.HasValue, r.HasValue));
        }

        await store.CompleteAsync(3, moves, "aka", CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync("aka", 1000, CancellationToken.None));
        foreach (var (entry, position) in entries.Select((e, p) => (e, p)))
        {
            var receipt = await store.FindAsync("aka", entry.Ref.Shard, entry.Ref.Id, OwnSeq(entry), CancellationToken.None);
            Assert.Equal((Receipt.Included, position), (receipt!.Status, receipt.Position!.Value));
        }
    }

    [Fact]
    public async Task PendingEntryInTheMiddleOfARowIsFoundAndAnIdBetweenRowsIsNot()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var first = _sequence.NextRange(5);
        var between = _sequence.NextRange(3); // taken by a group that went to another shard
        var second = _sequence.NextRange(4);
        await store.InsertAsync("aka", Row(shard: 3, first), CancellationToken.None);
        await store.InsertAsync("aka", Row(shard: 3, second), CancellationToken.None);
        await store.InsertAsync("aka", Row(shard: 9, between), CancellationToken.None);

        Assert.Equal(Receipt.Pending, (await FindAsync(store, 3, first[2]))?.Status);
        Assert.Equal(Receipt.Pending, (await FindAsync(store, 3, second[3]))?.Status);
        Assert.Equal(Receipt.Pending, (await FindAsync(store, 9, between[1]))?.Status);
        Assert.Null(await FindAsync(store, 3, between[1]));
        Assert.Null(await FindAsync(store, 3, _sequence.Next()));
        Assert.Null(await store.FindAsync("data", 3, AcceptanceSequence.IdFor(3, first[2]), first[2], CancellationToken.None));
    }

    [Fact]
    public async Task LedgerEntryIsFoundByItsRowSequence()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var seq = _sequence.Next();
        var id = new string('e', 64);
        await store.InsertAsync("aka", [new PendingEntry(new PendingRef(4, seq, id), "{\"type\":\"transfer\"}")], CancellationToken.None);

        Assert.Equal(Receipt.Pending, (await store.FindAsync("aka", 4, id, seq, CancellationToken.None))?.Status);
        Assert.Null(await store.FindAsync("aka", 4, new string('f', 64), seq, CancellationToken.None));
    }

    private static Task<Receipt?> FindAsync(PendingStore store, int shard, string seq) =>
        store.FindAsync("aka", shard, AcceptanceSequence.IdFor(shard, seq), seq, CancellationToken.None);

    private static async Task InsertAsync(PendingStore store, IEnumerable<List<PendingEntry>> rows)
    {
        foreach (var row in rows)
        {
            await store.InsertAsync("aka", row, CancellationToken.None);
        }
    }

    /// <summary>The sequence a node-assigned id carries (a status lookup knows only the id).</summary>
    private static string OwnSeq(PendingEntry entry) => AcceptanceSequence.Locate(entry.Ref.Id)!.Value.Seq;

    private static List<(PendingRef Ref, Receipt Receipt)> Moves(List<PendingEntry> entries, long block) =>
        entries.Select((e, position) => (e.Ref, new Receipt(e.Ref.Id, Receipt.Included, block, position, null))).ToList();

    /// <summary><paramref name="count"/> rows in acceptance order, spread over the shards as the group committer spreads them.</summary>
    private List<List<PendingEntry>> Rows(int count, int size) =>
        Enumerable.Range(0, count).Select(i => Row(i % PendingStore.Shards, _sequence.NextRange(size))).ToList();

    /// <summary>A row as group commit writes it: ids from one sequence range, keyed by the first.</summary>
    private List<PendingEntry> Row(int shard, IReadOnlyList<string> seqs) => seqs.Select(seq =>
    {
        var id = AcceptanceSequence.IdFor(shard, seq);
        return new PendingEntry(new PendingRef(shard, seqs[0], id), $"{{\"id\":\"{id}\",\"information\":{++_made},\"type\":\"record\"}}");
    }).ToList();
}
