using System.Net;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Sync;

/// <summary>
/// A replica whose BPSC URL is a man in the middle: the chain info (and so the pinned key) passes through
/// honestly, the blocks do not. Every alteration is refused with its precise reason and the replica keeps its chain.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class TamperedBlocksTests
{
    [Theory]
    [InlineData(TamperKind.Amount, "Unsuccessful: block 3: merkle_root ")]
    [InlineData(TamperKind.HeaderField, "Unsuccessful: block 3: hash ")]
    [InlineData(TamperKind.Signature, "Unsuccessful: block 3: signature is not valid for the pinned BPSC key")]
    [InlineData(
        TamperKind.Link,
        "Unsuccessful: block 3: previous_hash 0000000000000000000000000000000000000000000000000000000000000000 does "
            + "not match block 2's hash "
    )]
    public async Task ReplicaRefusesTamperedBlockAndKeepsItsChain(TamperKind kind, string reason)
    {
        var prefix = TestStorage.UniquePrefix();
        await using var bpsc = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        await using var proxy = await TamperingProxy.StartAsync(bpsc.Url);
        await using var replica = await NodeProcess.StartAsync(
            prefix + "b",
            args: ["--manual", "--bpsc", proxy.Url.ToString()]
        );

        // Honest first: block 2 reaches the replica through the proxy.
        await TransferAndMineAsync(bpsc, 1_000_000);
        var honest = await replica.Http.GetJsonAsync("/smart/chain");
        Assert.StartsWith("Smart chain update", honest.GetProperty("message").GetString());
        var before = HttpJson.Hashes(await replica.Http.GetJsonAsync("/chain"), "chain");
        Assert.Equal(2, before.Count);

        // Then block 3 is altered on its way.
        proxy.Tamper = kind;
        proxy.TamperFrom = 3;
        await TransferAndMineAsync(bpsc, 2_000_000);
        var refused = await replica.Http.GetJsonAsync("/smart/chain");

        Assert.StartsWith(reason, refused.GetProperty("message").GetString());
        Assert.Equal(2, refused.GetProperty("length").GetInt64());
        Assert.Equal(before, HttpJson.Hashes(refused, "old chain"));
        Assert.Equal(before, HttpJson.Hashes(await replica.Http.GetJsonAsync("/chain"), "chain"));
        Assert.Equal(2, await replica.Http.HeightAsync("aka"));
        Assert.True(proxy.Tampered > 0);

        // The same block, honestly served, is taken: the refusal was about the alteration alone.
        proxy.Tamper = null;
        var recovered = await replica.Http.GetJsonAsync("/smart/chain");
        Assert.StartsWith("Smart chain update", recovered.GetProperty("message").GetString());
        Assert.Equal(
            HttpJson.Hashes(await bpsc.Http.GetJsonAsync("/chain"), "chain"),
            HttpJson.Hashes(recovered, "smart chain")
        );
    }

    private static async Task TransferAndMineAsync(NodeProcess bpsc, int amount)
    {
        using var posted = await bpsc.Http.PostJsonAsync(
            "/transactions/new",
            new
            {
                sender = "alice",
                amount,
                recipient = "bob",
            }
        );
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        await bpsc.Http.GetJsonAsync("/mine");
    }
}
