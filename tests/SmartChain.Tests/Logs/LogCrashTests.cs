using System.Net;
using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Logs;

/// <summary>
/// SPEC §12 / docs/storage.md: a crash at any instant of a commit with tiles never leaves a checkpoint its tiles
/// cannot prove. A real node is killed (SIGKILL) at random instants of the forge of a large block, again and again;
/// after each restart the served checkpoint is recomputed from the served tiles alone and the chain verifies.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class LogCrashTests(ITestOutputHelper output)
{
    private const int EntriesPerRound = 1_500;
    private const int Rounds = 4;

    [Fact]
    public async Task NodeKilledAtRandomInstantsOfALargeForgeAlwaysServesACheckpointItsTilesProve()
    {
        var prefix = TestStorage.UniquePrefix();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var node = await NodeProcess.StartAsync(prefix, args: ["--manual"]);
        var posted = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                await PostAsync(node.Http, EntriesPerRound, round, posted);
                // The forge of ~1,500 entries (plus any left by the last round) takes about a second here; the kill
                // lands anywhere from before it starts reading to after its commit.
                var killAfter = random.Next(0, 2_500);
                var forge = node.Http.GetAsync("/mine");
                await Task.Delay(killAfter);
                node.Kill();
                var outcome = await forge.ContinueWith(t =>
                    t.IsCompletedSuccessfully ? t.Result.StatusCode.ToString() : "killed"
                );
                await node.DisposeAsync();

                node = await NodeProcess.StartAsync(prefix, args: ["--manual"]);
                var audit = await ChainAudit.DownloadAndVerifyAsync(node.Http, "aka");
                var (checkpoint, _, tiles) = await ServedLog.AssertProvableAsync(node.Http, "aka", audit);
                output.WriteLine(
                    $"round {round}: killed after {killAfter} ms ({outcome}); height {audit.Height}, "
                        + $"log size {checkpoint.Size}, {tiles.Count} tiles read"
                );
            }

            // Whatever the kills left pending is forged by the restarted node, and its log still proves out.
            await node.Http.DrainAsync("aka", NodeProcess.AdminKey);
            var final = await ChainAudit.DownloadAndVerifyAsync(node.Http, "aka");
            await ServedLog.AssertProvableAsync(node.Http, "aka", final);
            var ids = final.TransactionIds;
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.Empty(posted.Except(ids));
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task PostAsync(
        HttpClient http,
        int count,
        int round,
        System.Collections.Concurrent.ConcurrentBag<string> posted
    )
    {
        var next = 0;
        await Task.WhenAll(
            Enumerable
                .Range(0, 16)
                .Select(async client =>
                {
                    while (Interlocked.Increment(ref next) <= count)
                    {
                        using var answer = await http.PostJsonAsync(
                            "/transactions/new",
                            new
                            {
                                sender = $"r{round}c{client}",
                                amount = 1 + next,
                                recipient = "bob",
                            }
                        );
                        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
                        posted.Add((await answer.JsonAsync()).GetProperty("id").GetString()!);
                    }
                })
        );
    }
}
