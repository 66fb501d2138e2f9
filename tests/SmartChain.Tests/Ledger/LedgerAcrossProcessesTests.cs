using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Ledger;

/// <summary>
/// Two real node processes sharing one storage, and a real replica: the ledger holds across processes.
/// </summary>
public sealed class LedgerAcrossProcessesTests
{
    [Fact]
    public async Task TwoProcessesOnOneStorageAcceptOnlyOneOfFiftyDoubleSpends()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var first = await NodeProcess.StartAsync(prefix, args: ["--manual"]);
        await using var second = await NodeProcess.StartAsync(prefix, args: ["--manual"]);
        using var issuer = new TestWallet();
        using var alice = new TestWallet();
        first.Http.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
        var chain = await LedgerChain.CreateAsync(first.Http, issuer, [(alice.Address, "1000")]);

        var nodes = new[] { first.Http, second.Http };
        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 50)
                .Select(i =>
                    nodes[i % 2]
                        .PostAsJsonAsync($"chains/{chain}/transactions", alice.Transfer(chain, $"{i:x40}", "600", 0))
                )
        );

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(
            responses.Where(r => r.StatusCode != HttpStatusCode.Accepted),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode)
        );
        Assert.Equal(
            "600",
            (await LedgerChain.AccountAsync(second.Http, chain, alice.Address)).GetProperty("reserved").GetString()
        );
    }

    [Fact]
    public async Task ReplicaMirrorsLedgerChainAndAgreesOnEveryBlock()
    {
        var prefix = TestStorage.UniquePrefix();
        await using var bpsc = await NodeProcess.StartAsync(prefix + "a", args: ["--manual"]);
        bpsc.Http.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
        using var issuer = new TestWallet();
        using var alice = new TestWallet();
        using var bob = new TestWallet();
        var chain = await LedgerChain.CreateAsync(bpsc.Http, issuer, [(alice.Address, "1000")]);
        for (var nonce = 0; nonce < 3; nonce++)
        {
            var accepted = await bpsc.Http.PostAsJsonAsync(
                $"chains/{chain}/transactions",
                alice.Transfer(chain, bob.Address, "10", nonce)
            );
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        await LedgerChain.ForgeAsync(bpsc.Http, chain);
        await using var replica = await NodeProcess.StartAsync(
            prefix + "b",
            args: ["--manual", "--bpsc", bpsc.Url.ToString()]
        );

        var head = await bpsc.Http.GetFromJsonAsync<JsonElement>($"chains/{chain}");
        JsonElement mirrored = default;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var answer = await replica.Http.GetAsync($"chains/{chain}");
            if (answer.IsSuccessStatusCode)
            {
                mirrored = await answer.Content.ReadFromJsonAsync<JsonElement>();
                if (mirrored.GetProperty("height").GetInt64() == head.GetProperty("height").GetInt64())
                {
                    break;
                }
            }

            await Task.Delay(200);
        }

        Assert.Equal(head.GetProperty("head_hash").GetString(), mirrored.GetProperty("head_hash").GetString());
        Assert.Equal("remote", mirrored.GetProperty("producer").GetProperty("kind").GetString());
        Assert.Equal(
            head.GetProperty("bpsc_public_key").GetString(),
            mirrored.GetProperty("bpsc_public_key").GetString()
        );
    }
}
