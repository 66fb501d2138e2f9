using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// <c>GET /chains/{chain}/accounts/{address}/transactions</c>: an account's forged entries, newest first, paged by
/// cursor.
/// </summary>
public sealed class AccountHistoryTests : IAsyncLifetime
{
    private readonly NodeApp _node = new();
    private readonly TestWallet _issuer = new();
    private readonly TestWallet _alice = new();
    private readonly TestWallet _bob = new();
    private HttpClient _http = null!;
    private HttpClient _admin = null!;
    private string _chain = null!;

    public async Task InitializeAsync()
    {
        _http = _node.CreateClient();
        _admin = _node.AdminClient();
        _chain = await LedgerChain.CreateAsync(_admin, _issuer, [(_alice.Address, "1000")]);
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _issuer.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task HistoryListsSentReceivedAndGenesisNewestFirstAcrossPages()
    {
        // 53 transfers in three blocks: with the genesis mint, Alice has 54 entries, more than one page.
        var ids = new List<string>();
        for (var nonce = 0; nonce < 53; nonce++)
        {
            var request = _alice.Transfer(_chain, _bob.Address, "1", nonce);
            Assert.Equal(
                HttpStatusCode.Accepted,
                (await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request)).StatusCode
            );
            ids.Add(TestWallet.IdOf(request));
            if (nonce is 19 or 39 or 52)
            {
                await LedgerChain.ForgeAsync(_admin, _chain);
            }
        }

        var first = await PageAsync(_alice.Address, null);
        var items = first.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(AccountHistory.PageSize, items.Count);
        Assert.Equal(ids[^1], items[0].GetProperty("id").GetString());
        Assert.Equal(4, items[0].GetProperty("block_index").GetInt64());
        Assert.Equal(12, items[0].GetProperty("position").GetInt32());
        Assert.Equal("included", items[0].GetProperty("status").GetString());
        Assert.Equal(_bob.Address, items[0].GetProperty("recipient").GetString());
        Assert.Equal("1", items[0].GetProperty("amount_send").GetString());

        var second = await PageAsync(_alice.Address, first.GetProperty("next").GetString());
        var older = second.GetProperty("transactions").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal(54 - AccountHistory.PageSize, older.Count);
        Assert.Equal("genesis-0", older[^1].GetProperty("id").GetString());
        Assert.Equal(1, older[^1].GetProperty("block_index").GetInt64());

        // Newest first over both pages: the transfers in reverse, then the genesis mint.
        var all = items.Concat(older).Select(i => i.GetProperty("id").GetString()).ToList();
        Assert.Equal(Enumerable.Reverse(ids).Append("genesis-0"), all);

        // Bob sees the same transfers as received; the BPSC its fees.
        var bob = (await PageAsync(_bob.Address, null)).GetProperty("transactions");
        Assert.Equal(ids[^1], bob[0].GetProperty("id").GetString());
        Assert.Equal(_alice.Address, bob[0].GetProperty("sender").GetString());
    }

    [Fact]
    public async Task PendingTransfersAreNotInTheHistoryUntilForged()
    {
        var request = _alice.Transfer(_chain, _bob.Address, "5", 0);
        await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
        Assert.Single((await PageAsync(_alice.Address, null)).GetProperty("transactions").EnumerateArray());

        await LedgerChain.ForgeAsync(_admin, _chain);
        Assert.Equal(2, (await PageAsync(_alice.Address, null)).GetProperty("transactions").GetArrayLength());
    }

    [Theory]
    [InlineData("?cursor=nope")]
    [InlineData("?cursor=")]
    [InlineData("?cursor=MDAwMDAwMDAwMDAw")]
    [InlineData("?limit=5")]
    public async Task BadQueryIsA400Problem(string query)
    {
        var response = await _http.GetAsync($"/chains/{_chain}/accounts/{_alice.Address}/transactions{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task MalformedAddressIsA400AndANonLedgerChainA404()
    {
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await _http.GetAsync($"/chains/{_chain}/accounts/NOTHEX/transactions")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await _http.GetAsync($"/chains/aka/accounts/{_alice.Address}/transactions")).StatusCode
        );
    }

    [Fact]
    public async Task TheRouteIsInTheOpenApiDocument()
    {
        var document = await _http.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/chains/{chain}/accounts/{address}/transactions", document, StringComparison.Ordinal);
    }

    private async Task<JsonElement> PageAsync(string address, string? cursor)
    {
        var query = cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}";
        var response = await _http.GetAsync($"/chains/{_chain}/accounts/{address}/transactions{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
