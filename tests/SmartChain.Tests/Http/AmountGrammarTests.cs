using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// Issue 11, finding 9 (SPEC §6): an amount given as a string follows one strict decimal grammar — digits, one
/// optional point with digits on both sides, no sign, no exponent, no leading zero but "0" / "0.x" — on the open
/// chain, on a ledger chain (where a lenient one gave one transfer many ids) and in a genesis allocation. A JSON
/// number keeps the JSON grammar, exponent included.
/// </summary>
public sealed class AmountGrammarTests(HostileInputTests.Node node) : IClassFixture<HostileInputTests.Node>
{
    public static TheoryData<string> Lenient =>
        new("1e2", "1E1", "1e+2", "1e-2", ".5", "5.", "007", "00.5", "+5", "-5", " 5", "5 ", "1_000", "5.5.5", "٥");

    [Theory]
    [MemberData(nameof(Lenient))]
    public async Task OpenChainRefusesALenientAmountString(string amount)
    {
        var before = await node.Http.HeightAsync("aka");

        using var response = await node.Http.PostAsJsonAsync(
            "/transactions/new",
            new
            {
                sender = "alice",
                amount,
                recipient = "bob",
            }
        );

        await AssertBadRequestAsync(response, amount);
        Assert.Equal(0, (await LedgerChain.ForgeAsync(node.Admin, "aka")).GetProperty("tx_count").GetInt32());
        Assert.Equal(before + 1, await node.Http.HeightAsync("aka"));
    }

    [Theory]
    [MemberData(nameof(Lenient))]
    public async Task LedgerRefusesALenientAmountStringSignedOrNot(string amount)
    {
        using var wallet = new TestWallet();
        var account = await LedgerChain.AccountAsync(node.Http, node.Ledger, node.Alice.Address);
        var request = node.Alice.Transfer(
            node.Ledger,
            wallet.Address,
            amount,
            account.GetProperty("next_nonce").GetInt64()
        );

        using var response = await node.Http.PostAsJsonAsync($"/chains/{node.Ledger}/transactions", request);

        await AssertBadRequestAsync(response, amount);
        Assert.Equal(
            account.GetRawText(),
            (await LedgerChain.AccountAsync(node.Http, node.Ledger, node.Alice.Address)).GetRawText()
        );
    }

    [Theory]
    [InlineData("1e2")]
    [InlineData("010")]
    [InlineData(".5")]
    public async Task GenesisRefusesALenientAmountString(string amount)
    {
        var chains = (await node.Http.GetJsonAsync("/chains")).GetProperty("chains").GetArrayLength();
        var body = new JsonObject
        {
            ["id"] = "g" + Guid.NewGuid().ToString("N")[..10],
            ["kind"] = "token",
            ["mode"] = "ledger",
            ["decimals"] = 6,
            ["issuer_public_key"] = node.Issuer.PublicKey,
            ["genesis"] = new JsonArray(new JsonObject { ["address"] = node.Alice.Address, ["amount"] = amount }),
        };

        using var response = await node.Admin.PostAsJsonAsync("/chains", body);

        await AssertBadRequestAsync(response, amount);
        Assert.Equal(chains, (await node.Http.GetJsonAsync("/chains")).GetProperty("chains").GetArrayLength());
    }

    [Theory]
    [InlineData("\"0.5\"", "0.5")]
    [InlineData("\"10\"", "10")]
    [InlineData("\"10.50\"", "10.5")]
    [InlineData("1e2", "100")] // a JSON number keeps its exponent (SPEC §6: a JSON number is accepted on input)
    [InlineData("2.5E-1", "0.25")]
    [InlineData("7", "7")]
    public async Task OpenChainAcceptsStrictStringsAndJsonNumbers(string amount, string delivered)
    {
        using var response = await node.Http.PostAsync(
            "/transactions/new",
            JsonContent.Create(JsonNode.Parse($"{{\"sender\":\"alice\",\"amount\":{amount},\"recipient\":\"bob\"}}"))
        );

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var block = await LedgerChain.ForgeAsync(node.Admin, "aka");
        Assert.Equal(delivered, block.GetProperty("transactions")[0].GetProperty("amount_send").GetString());
    }

    private static async Task AssertBadRequestAsync(HttpResponseMessage response, string amount)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest,
            $"amount '{amount}': expected 400, got {(int)response.StatusCode}: {text}"
        );
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Contains(
            "amount",
            problem.RootElement.GetProperty("detail").GetString(),
            StringComparison.OrdinalIgnoreCase
        );
    }
}
