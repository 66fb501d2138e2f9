using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Sync;

/// <summary>
/// A replica against a BPSC or peer that is slow, huge or redirects (a <see cref="HostileServer"/> on loopback): every
/// such answer costs the replica a bounded time and memory, and the replica keeps serving its own clients.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class HostileBpscTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Drip = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task ReplicaServesAtOnceWhileItsBpscTrickles()
    {
        await using var bpsc = await HostileServer.StartAsync(
            async (context, _) =>
            {
                await HostileServer.TrickleAsync(context, """{"chains":[{"id":"aka","kind":"token"}]}""", Drip);
                return true;
            }
        );

        // StartAsync waits until the node serves: a replica that waited on its BPSC would never get there.
        await using var replica = await ReplicaOfAsync(
            TestStorage.UniquePrefix(),
            bpsc.Url,
            ("SMARTCHAIN_PEER_TIMEOUT_SECONDS", "3")
        );

        var chain = await replica.Http.GetJsonAsync("/chain");
        Assert.Equal(0, chain.GetProperty("length").GetInt64());
        Assert.Equal(0, chain.GetProperty("chain").GetArrayLength());

        var smart = await replica.Http.GetJsonAsync("/smart/chain");
        Assert.Contains("did not answer in full within 3 s", smart.GetProperty("message").GetString());
        Assert.Equal(0, smart.GetProperty("length").GetInt64());
        Assert.NotEmpty(bpsc.Abandoned);
    }

    [Fact]
    public async Task TricklingPeerDoesNotFreezeTheSyncLoop()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        var failBlocks = true;
        // The BPSC through a door that refuses block pages for a while, so the replica turns to its peers.
        await using var door = await HostileServer.StartAsync(
            (context, asked) =>
            {
                if (failBlocks && asked.Contains("/blocks", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = 503;
                    return Task.FromResult(true);
                }

                return Task.FromResult(false);
            },
            a.Url
        );
        await using var trickler = await HostileServer.StartAsync(
            async (context, _) =>
            {
                await HostileServer.TrickleAsync(context, """{"blocks":[]}""", Drip);
                return true;
            }
        );
        await using var replica = await ReplicaOfAsync(
            prefix + "b",
            door.Url,
            ("SMARTCHAIN_PEER_TIMEOUT_SECONDS", "3"),
            ("SMARTCHAIN_SYNC_SECONDS", "1")
        );
        var peer = new { nodes = new[] { trickler.Url.ToString() } };
        using (var registered = await replica.Http.PostJsonAsync("/nodes/register", peer))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        // The sync loop is now in the trickling peer; then the BPSC serves again, goes ahead and makes a new chain.
        var minute = TimeSpan.FromSeconds(60);
        await Eventually.ReturnsAsync(
            () => Task.FromResult(trickler.Asked.Count),
            n => n > 0,
            minute,
            "a pull from the peer"
        );
        failBlocks = false;
        for (var i = 0; i < 3; i++)
        {
            await a.Http.GetJsonAsync("/mine");
        }

        using (var admin = new HttpClient { BaseAddress = a.Url })
        {
            admin.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
            using var created = await admin.PostJsonAsync("/chains", new { id = "late", kind = "token" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var height = await a.Http.HeightAsync("aka");
        await Eventually.ReturnsAsync(
            () => HeightOrZeroAsync(replica.Http, "aka"),
            h => h == height,
            minute,
            "catching up"
        );
        await Eventually.ReturnsAsync(
            () => HeightOrZeroAsync(replica.Http, "late"),
            h => h >= 1,
            minute,
            "the new chain"
        );
    }

    [Fact]
    public async Task HugeChainListIsRefusedAtTheCapWithBoundedMemory()
    {
        await using var bpsc = await HostileServer.StartAsync(
            async (context, _) =>
            {
                var chain = """{"id":"filler","kind":"data","note":"xxxxxxxxxxxxxxxxxxxxxxxx"}""";
                await HostileServer.HugeAsync(context, """{"chains":[""", chain, "]}", 1L << 30);
                return true;
            }
        );
        await using var replica = await ReplicaOfAsync(TestStorage.UniquePrefix(), bpsc.Url);
        var before = replica.Memory();

        var smart = await replica.Http.GetJsonAsync("/smart/chain");

        var after = replica.Memory();
        output.WriteLine($"replica RSS before {before.NowMb} MB, peak after {after.PeakMb} MB, now {after.NowMb} MB");
        Assert.Contains("byte cap", smart.GetProperty("message").GetString());
        Assert.True(after.PeakMb < 600, $"peak RSS {after.PeakMb} MB");
        Assert.Equal(0, (await replica.Http.GetJsonAsync("/chain")).GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task HugeAnswerToAForwardedTransactionIsRefused()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var bpsc = await HostileServer.StartAsync(
            async (context, asked) =>
            {
                if (context.Request.Method != "POST")
                {
                    return false;
                }

                var item = "\"" + new string('x', 100) + "\"";
                await HostileServer.HugeAsync(context, """{"message":[""", item, "]}", 1L << 30);
                return true;
            },
            a.Url
        );
        await using var replica = await ReplicaOfAsync(prefix + "b", bpsc.Url);
        var synced = await replica.Http.GetJsonAsync("/smart/chain");
        Assert.StartsWith("Smart chain update", synced.GetProperty("message").GetString());
        var before = replica.Memory();

        var transfer = new
        {
            sender = "alice",
            amount = 5,
            recipient = "bob",
        };
        using var forwarded = await replica.Http.PostJsonAsync("/transactions/new", transfer);

        var after = replica.Memory();
        output.WriteLine($"replica RSS before {before.NowMb} MB, peak after {after.PeakMb} MB, now {after.NowMb} MB");
        Assert.Equal(HttpStatusCode.BadGateway, forwarded.StatusCode);
        Assert.Equal("application/problem+json", forwarded.Content.Headers.ContentType?.MediaType);
        Assert.Contains("byte cap", (await forwarded.JsonAsync()).GetProperty("detail").GetString());
        Assert.True(after.PeakMb < 600, $"peak RSS {after.PeakMb} MB");
        Assert.Equal(1, (await replica.Http.GetJsonAsync("/chain")).GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task RefusedPageCancelsThePrefetchOfTheNext()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await a.Http.GetJsonAsync("/mine");
        using var upstream = new HttpClient { BaseAddress = a.Url };
        // Block 1 comes with a forged hash; the page after it never ends.
        await using var bpsc = await HostileServer.StartAsync(
            async (context, asked) =>
            {
                if (asked.StartsWith("chains/aka/blocks?from=1&", StringComparison.Ordinal))
                {
                    var page = JsonNode.Parse(await upstream.GetStringAsync(asked))!;
                    page["blocks"]![0]!["hash"] = new string('0', 64);
                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(page.ToJsonString());
                    return true;
                }

                if (asked.StartsWith("chains/aka/blocks?from=2&", StringComparison.Ordinal))
                {
                    await HostileServer.TrickleAsync(context, """{"blocks":[]}""", Drip);
                    return true;
                }

                return false;
            },
            a.Url
        );
        await using var replica = await ReplicaOfAsync(prefix + "b", bpsc.Url, ("SMARTCHAIN_SYNC_SECONDS", "3600"));

        var refused = await replica.Http.GetJsonAsync("/smart/chain");

        Assert.StartsWith("Unsuccessful: block 1: hash ", refused.GetProperty("message").GetString());
        Assert.Contains(bpsc.Asked, asked => asked.StartsWith("chains/aka/blocks?from=2&", StringComparison.Ordinal));
        // The refusal ends the prefetch at once (the 30 s request deadline is not what ends it).
        await Eventually.ReturnsAsync<IReadOnlyList<string>>(
            () => Task.FromResult(bpsc.Abandoned),
            abandoned =>
                abandoned.Any(asked => asked.StartsWith("chains/aka/blocks?from=2&", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(15),
            "the prefetch of page 2 given up"
        );
    }

    [Fact]
    public async Task ReplicaDoesNotFollowRedirects()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var bpsc = await HostileServer.StartAsync(
            (context, asked) =>
            {
                context.Response.Redirect(new Uri(a.Url, asked).ToString());
                return Task.FromResult(true);
            }
        );
        await using var replica = await ReplicaOfAsync(prefix + "b", bpsc.Url);

        var smart = await replica.Http.GetJsonAsync("/smart/chain");

        Assert.StartsWith("Unsuccessful: ", smart.GetProperty("message").GetString());
        Assert.Contains("302", smart.GetProperty("message").GetString());
        var chains = (await replica.Http.GetJsonAsync("/chains"))
            .GetProperty("chains")
            .EnumerateArray()
            .Select(c => c.GetProperty("id").GetString());
        Assert.DoesNotContain("aka", chains);
    }

    private static Task<NodeProcess> ReplicaOfAsync(string prefix, Uri bpsc, params (string Key, string Value)[] env) =>
        NodeProcess.StartAsync(
            prefix,
            args: ["--manual", "--bpsc", bpsc.ToString()],
            env: env.ToDictionary(e => e.Key, e => e.Value)
        );

    private static async Task<long> HeightOrZeroAsync(HttpClient http, string chain)
    {
        using var response = await http.GetAsync($"/chains/{chain}");
        return response.IsSuccessStatusCode ? (await response.JsonAsync()).GetProperty("height").GetInt64() : 0;
    }
}
