using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class PendingStoreTests
{
    [Fact]
    public async Task InsertedEntriesAreReadOldestFirstAcrossShards()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var entries = Entries(40);
        foreach (var shard in entries.GroupBy(e => e.Ref.Shard))
        {
            await store.InsertAsync("aka", shard.Key, shard.ToList(), CancellationToken.None);
        }

        var oldest = await store.ReadOldestAsync("aka", 25, CancellationToken.None);

        Assert.Equal(entries.Take(25).Select(e => e.Ref), oldest.Select(e => e.Ref));
        Assert.Equal(entries.Take(25).Select(e => e.Text), oldest.Select(e => e.Text));
    }

    [Fact]
    public async Task FollowUpIsIdempotentWhenRunTwice()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var entries = Entries(1000); // every shard, each needing two 50-move batches
        foreach (var shard in entries.GroupBy(e => e.Ref.Shard))
        {
            foreach (var chunk in shard.Chunk(100))
            {
                await store.InsertAsync("aka", shard.Key, chunk, CancellationToken.None);
            }
        }

        var moves = entries.Select((e, position) => (e.Ref, new Receipt(e.Ref.Id, Receipt.Included, 7, position, null))).ToList();
        await store.CompleteAsync(7, moves, "aka", CancellationToken.None);
        await store.CompleteAsync(7, moves, "aka", CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync("aka", 1000, CancellationToken.None));
        for (var i = 0; i < entries.Count; i += 13)
        {
            var receipt = await store.FindAsync("aka", entries[i].Ref.Shard, entries[i].Ref.Id, entries[i].Ref.Seq, CancellationToken.None);
            Assert.Equal((Receipt.Included, 7L, i), (receipt!.Status, receipt.BlockIndex!.Value, receipt.Position!.Value));
        }
    }

    [Fact]
    public async Task FollowUpCompletesWhatAnInterruptedRunLeft()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var entries = Entries(60);
        foreach (var shard in entries.GroupBy(e => e.Ref.Shard))
        {
            await store.InsertAsync("aka", shard.Key, shard.ToList(), CancellationToken.None);
        }

        var moves = entries.Select((e, position) => (e.Ref, new Receipt(e.Ref.Id, Receipt.Included, 3, position, null))).ToList();
        // The crashed run got through some shards only.
        await store.CompleteAsync(3, moves.Where(m => m.Ref.Shard < 5).ToList(), "aka", CancellationToken.None);
        await store.CompleteAsync(3, moves, "aka", CancellationToken.None);

        Assert.Empty(await store.ReadOldestAsync("aka", 1000, CancellationToken.None));
        foreach (var (entry, position) in entries.Select((e, p) => (e, p)))
        {
            var receipt = await store.FindAsync("aka", entry.Ref.Shard, entry.Ref.Id, entry.Ref.Seq, CancellationToken.None);
            Assert.Equal((Receipt.Included, position), (receipt!.Status, receipt.Position!.Value));
        }
    }

    [Fact]
    public async Task PendingEntryIsFoundAsPendingAndAStrangerIsNot()
    {
        var store = new PendingStore(await TestTables.CreateAsync());
        var entry = Entries(1)[0];
        await store.InsertAsync("aka", entry.Ref.Shard, [entry], CancellationToken.None);

        Assert.Equal(Receipt.Pending, (await store.FindAsync("aka", entry.Ref.Shard, entry.Ref.Id, entry.Ref.Seq, CancellationToken.None))!.Status);
        Assert.Null(await store.FindAsync("aka", entry.Ref.Shard, "f" + entry.Ref.Seq, entry.Ref.Seq, CancellationToken.None));
        Assert.Null(await store.FindAsync("data", entry.Ref.Shard, entry.Ref.Id, entry.Ref.Seq, CancellationToken.None));
    }

    /// <summary>Entries in acceptance order, spread over the shards as the group committer spreads them.</summary>
    private static List<PendingEntry> Entries(int count)
    {
        var sequence = new AcceptanceSequence(TimeProvider.System);
        return Enumerable.Range(0, count).Select(i =>
        {
            var shard = i % PendingStore.Shards;
            var seq = sequence.Next();
            var id = AcceptanceSequence.IdFor(shard, seq);
            return new PendingEntry(new PendingRef(shard, seq, id), $"{{\"id\":\"{id}\",\"information\":{i},\"type\":\"record\"}}");
        }).ToList();
    }
}
