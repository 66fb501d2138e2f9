using System.Net;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Nodes;

/// <summary>The article's walk-through on three real node processes: A the BPSC, B and C replicas of A.</summary>
[Collection(NodeProcessCollection.Name)]
public sealed class ArticleFlowTests
{
    [Fact]
    public async Task ArticleFlowRunsOnThreeNodes()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        var replicas = await Task.WhenAll(
            NodeProcess.StartAsync(prefix + "b", args: ["--manual", "--bpsc", a.Url.ToString()]),
            NodeProcess.StartAsync(prefix + "c", args: ["--manual", "--bpsc", a.Url.ToString()])
        );
        await using var b = replicas[0];
        await using var c = replicas[1];

        // A: a transaction, then /mine forges block 2 with the fee taken.
        using (
            var posted = await a.Http.PostJsonAsync(
                "/transactions/new",
                new
                {
                    sender = "d4ee26eee15148ee92c6cd394edd974e",
                    amount = 1_000_000,
                    recipient = "someone-other-address",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.Equal(
                "Transaction will be added to Block 2",
                (await posted.JsonAsync()).GetProperty("message").GetString()
            );
        }

        var mined = await a.Http.GetJsonAsync("/mine");
        Assert.Equal("New Block Forged", mined.GetProperty("message").GetString());
        Assert.Equal(2, mined.GetProperty("index").GetInt64());
        var transfer = mined.GetProperty("transactions")[0];
        Assert.Equal("1000000", transfer.GetProperty("amount_send").GetString());
        Assert.Equal("50", transfer.GetProperty("amount_bpsc").GetString());
        Assert.Equal("999950", transfer.GetProperty("amount_receive").GetString());
        var chainOfA = await a.Http.GetJsonAsync("/chain");
        Assert.Equal(2, chainOfA.GetProperty("length").GetInt64());

        // B: register A, then C; the list is host:port as in the article.
        using (
            var registered = await b.Http.PostJsonAsync("/nodes/register", new { nodes = new[] { a.Url.ToString() } })
        )
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            Assert.Equal([$"127.0.0.1:{a.Port}"], TotalNodes(await registered.JsonAsync()));
        }

        using (
            var registered = await b.Http.PostJsonAsync("/nodes/register", new { nodes = new[] { c.Url.ToString() } })
        )
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
            Assert.Equal(
                new[] { $"127.0.0.1:{a.Port}", $"127.0.0.1:{c.Port}" }.Order(),
                TotalNodes(await registered.JsonAsync()).Order()
            );
        }

        using (var refused = await b.Http.PostJsonAsync("/nodes/register", new { }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        // B: the smart chain is A's chain, verified.
        var smart = await b.Http.GetJsonAsync("/smart/chain");
        Assert.StartsWith("Smart chain update", smart.GetProperty("message").GetString());
        Assert.Equal(2, smart.GetProperty("length").GetInt64());
        Assert.Equal(HttpJson.Hashes(chainOfA, "chain"), HttpJson.Hashes(smart, "smart chain"));
        Assert.Equal(HttpJson.Hashes(chainOfA, "chain"), HttpJson.Hashes(await b.Http.GetJsonAsync("/chain"), "chain"));

        // C: its own data chain (the article's chain2).
        using (
            var information = await c.Http.PostJsonAsync(
                "/information/new",
                new { information = new { name = "Ana", age = 31 } }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Created, information.StatusCode);
            Assert.Equal(
                "information will be added to Block 2",
                (await information.JsonAsync()).GetProperty("message").GetString()
            );
        }

        var minedOnC = await c.Http.GetJsonAsync("/mine");
        Assert.Equal("data", minedOnC.GetProperty("chain").GetString());
        Assert.Equal(2, minedOnC.GetProperty("index").GetInt64());
        var chain2 = await c.Http.GetJsonAsync("/chain2");
        Assert.Equal(2, chain2.GetProperty("length").GetInt64());
        var record = chain2.GetProperty("chain2")[1].GetProperty("transactions")[0];
        Assert.Equal("Ana", record.GetProperty("information").GetProperty("name").GetString());
        Assert.Equal(31, record.GetProperty("information").GetProperty("age").GetInt32());
    }

    [Fact]
    public async Task TransactionPostedToAReplicaReachesTheBpscAndComesBackInTheReplicasChain()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var a = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var b = await NodeProcess.StartAsync(prefix + "b", args: ["--manual", "--bpsc", a.Url.ToString()]);

        string id;
        using (
            var posted = await b.Http.PostJsonAsync(
                "/transactions/new",
                new
                {
                    sender = "carol",
                    amount = "0.3",
                    recipient = "dave",
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            var answer = await posted.JsonAsync();
            Assert.Equal("Transaction will be added to Block 2", answer.GetProperty("message").GetString());
            id = answer.GetProperty("id").GetString()!;
        }

        var pendingOnA = await a.Http.GetJsonAsync($"/chains/aka/transactions/{id}");
        Assert.Equal("pending", pendingOnA.GetProperty("status").GetString());

        var mined = await a.Http.GetJsonAsync("/mine");
        Assert.Equal(id, mined.GetProperty("transactions")[0].GetProperty("id").GetString());

        var smart = await b.Http.GetJsonAsync("/smart/chain");
        Assert.StartsWith("Smart chain update", smart.GetProperty("message").GetString());
        var onB = (await b.Http.GetJsonAsync("/chain")).GetProperty("chain")[1].GetProperty("transactions")[0];
        Assert.Equal(id, onB.GetProperty("id").GetString());
        Assert.Equal("0.3", onB.GetProperty("amount_send").GetString());
        Assert.Equal("0.000015", onB.GetProperty("amount_bpsc").GetString());
        Assert.Equal("0.299985", onB.GetProperty("amount_receive").GetString());
    }

    private static IEnumerable<string> TotalNodes(JsonElement answer) =>
        answer.GetProperty("total_nodes").EnumerateArray().Select(n => n.GetString()!).ToList();
}
