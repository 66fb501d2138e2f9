using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Production;

/// <summary>
/// SPEC §8: two producer processes on one storage, both accepting and both forging at once, still make one chain.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class TwoProducersTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TwoProducersOnOneStorageMakeOneChainWithEveryTransactionOnce()
    {
        var prefix = TestStorage.UniquePrefix();
        // Started together: they also race to create the chains and forge genesis.
        var nodes = await Task.WhenAll(
            NodeProcess.StartAsync(prefix, args: ["--manual"]),
            NodeProcess.StartAsync(prefix, args: ["--manual"])
        );
        await using var first = nodes[0];
        await using var second = nodes[1];
        Assert.Equal(
            (await first.Http.GetJsonAsync("/chains/aka")).GetProperty("bpsc_public_key").GetString(),
            (await second.Http.GetJsonAsync("/chains/aka")).GetProperty("bpsc_public_key").GetString()
        );

        var load = new TransactionLoad();
        var forged = 0;
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(4)))
        {
            var forgers = nodes.Select(async node =>
            {
                // At least 11 forges between them, however slow a loaded machine makes each one.
                while (!stop.IsCancellationRequested || Volatile.Read(ref forged) <= 10)
                {
                    await node.Http.ForgeAsync("aka", NodeProcess.AdminKey);
                    Interlocked.Increment(ref forged);
                }
            });
            await Task.WhenAll(forgers.Append(load.RunAsync([first.Http, second.Http], clients: 3, stop.Token)));
        }

        await first.Http.DrainAsync("aka", NodeProcess.AdminKey);
        await second.Http.DrainAsync("aka", NodeProcess.AdminKey);

        var audit = await ChainAudit.DownloadAndVerifyAsync(first.Http, "aka");
        Assert.True(forged > 10, $"only {forged} forges ran");
        Assert.Equal(Enumerable.Range(1, (int)audit.Height).Select(i => (long)i), audit.Blocks.Select(b => b.Index));
        Assert.Equal(
            audit.Blocks[^1].Hash,
            (await second.Http.GetJsonAsync("/chains/aka")).GetProperty("head_hash").GetString()
        );
        output.WriteLine(
            $"{forged} forges, {load.Acknowledged.Count} acknowledged; chain height {audit.Height}, "
                + $"{audit.TransactionIds.Count} transactions"
        );
        var counts = audit.TransactionIds.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var twice = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        var lost = load.Acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
        Assert.True(
            twice.Count == 0,
            $"{twice.Count} transactions are in more than one block, e.g. {string.Join(", ", twice.Take(5))}"
        );
        Assert.True(
            lost.Count == 0,
            $"{lost.Count} of {load.Acknowledged.Count} acknowledged transactions are in no block, e.g. "
                + $"{string.Join(", ", lost.Take(5))}"
        );

        // The follow-up finished too: a sample of receipts says where each one is, with a proof that verifies.
        await audit.AssertReceiptsAsync(second.Http, "aka", load.Acknowledged.Where((_, i) => i % 25 == 0));
        Assert.Equal(0, load.Failures);

        // One log too (SPEC §12): at the same size both serve the identical checkpoint, and the same tiles, each set
        // proving that checkpoint from the verified blocks' entries.
        var fromFirst = await ServedLog.AssertProvableAsync(first.Http, "aka", audit);
        var fromSecond = await ServedLog.AssertProvableAsync(second.Http, "aka", audit);
        Assert.Equal(fromFirst.Note, fromSecond.Note);
        Assert.Equal(fromFirst.Tiles.Keys.Order(), fromSecond.Tiles.Keys.Order());
        Assert.All(fromFirst.Tiles, tile => Assert.Equal(tile.Value, fromSecond.Tiles[tile.Key]));
    }
}
