using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Sync;

/// <summary>
/// How much one sync of a chain may do: concurrent callers share one run, a run stores at most its block budget,
/// and a block over the chain's max_block_tx is refused whoever signed it.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class BoundedSyncTests
{
    [Fact]
    public async Task ConcurrentSmartChainCallsShareOneRun()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var replica = await ReplicaOfAsync(prefix + "b", a.Url, ("SMARTCHAIN_SYNC_SECONDS", "3600"));
        // The genesis first (joining the timer's first round if it still runs): the blocks below are left to the calls.
        Assert.Equal(1, (await replica.Http.GetJsonAsync("/smart/chain")).GetProperty("length").GetInt64());
        for (var i = 0; i < 20; i++)
        {
            var transfer = new
            {
                sender = "alice",
                amount = 1_000 + i,
                recipient = "bob",
            };
            using var posted = await a.Http.PostJsonAsync("/transactions/new", transfer);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            await a.Http.GetJsonAsync("/mine");
        }

        var expected = HttpJson.Hashes(await a.Http.GetJsonAsync("/chain"), "chain");

        var calls = Enumerable.Range(0, 60).Select(_ => replica.Http.GetJsonAsync("/smart/chain"));
        var answers = await Task.WhenAll(calls);

        Assert.All(
            answers,
            answer =>
            {
                Assert.StartsWith("Smart chain update by bpsc", answer.GetProperty("message").GetString());
                Assert.Equal(expected, HttpJson.Hashes(answer, "smart chain"));
            }
        );
        Assert.Contains(answers, answer => answer.GetProperty("message").GetString()!.Contains(": 20 new block(s)"));
    }

    [Fact]
    public async Task SyncRoundStopsAtItsBlockBudgetAndGoesOnNextRound()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var replica = await ReplicaOfAsync(
            prefix + "b",
            a.Url,
            ("SMARTCHAIN_SYNC_SECONDS", "3600"),
            ("SMARTCHAIN_SYNC_ROUND_BLOCKS", "5")
        );
        // The genesis first (joining the timer's first round if it still runs), so the timer takes no part below.
        Assert.Equal(1, (await replica.Http.GetJsonAsync("/smart/chain")).GetProperty("length").GetInt64());
        for (var i = 0; i < 12; i++)
        {
            await a.Http.GetJsonAsync("/mine");
        }

        var height = await a.Http.HeightAsync("aka");
        var grown = new List<long>();
        for (var length = 1L; length < height && grown.Count < 10; )
        {
            var smart = await replica.Http.GetJsonAsync("/smart/chain");
            grown.Add(smart.GetProperty("length").GetInt64() - length);
            var message = smart.GetProperty("message").GetString();
            Assert.Equal($"Smart chain update by bpsc: {grown[^1]} new block(s) verified", message);
            length += grown[^1];
        }

        Assert.Equal([5, 5, 2], grown);
    }

    [Fact]
    public async Task BlockOverMaxBlockTxIsRefused()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        // The BPSC announces max_block_tx 1, then signs a block of two entries.
        await using var bpsc = await HostileServer.StartAsync(
            async (context, asked) =>
            {
                if (asked != "chains/aka")
                {
                    return false;
                }

                using var upstream = new HttpClient { BaseAddress = a.Url };
                var info = JsonNode.Parse(await upstream.GetStringAsync(asked))!;
                info["max_block_tx"] = 1;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(info.ToJsonString());
                return true;
            },
            a.Url
        );
        await using var replica = await ReplicaOfAsync(prefix + "b", bpsc.Url, ("SMARTCHAIN_SYNC_SECONDS", "3600"));
        Assert.Equal(1, (await replica.Http.GetJsonAsync("/smart/chain")).GetProperty("length").GetInt64());
        for (var i = 0; i < 2; i++)
        {
            var transfer = new
            {
                sender = "alice",
                amount = 1_000 + i,
                recipient = "bob",
            };
            using var posted = await a.Http.PostJsonAsync("/transactions/new", transfer);
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        Assert.Equal(2, (await a.Http.GetJsonAsync("/mine")).GetProperty("transactions").GetArrayLength());

        var smart = await replica.Http.GetJsonAsync("/smart/chain");

        Assert.StartsWith("Unsuccessful: ", smart.GetProperty("message").GetString());
        Assert.Contains("over the chain's max_block_tx 1", smart.GetProperty("message").GetString());
        Assert.Equal(1, smart.GetProperty("length").GetInt64());
        Assert.Equal(1, await replica.Http.HeightAsync("aka"));
    }

    private static Task<NodeProcess> ReplicaOfAsync(string prefix, Uri bpsc, params (string Key, string Value)[] env) =>
        NodeProcess.StartAsync(
            prefix,
            args: ["--manual", "--bpsc", bpsc.ToString()],
            env: env.ToDictionary(e => e.Key, e => e.Value)
        );
}
