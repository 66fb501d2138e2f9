using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

public sealed class ArticleApiTests
{
    [Fact]
    public async Task TransactionThenMineGivesBlockTwoWithFiftyFee()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();

        var posted = await http.PostAsJsonAsync(
            "/transactions/new",
            new
            {
                sender = "alice",
                amount = 1_000_000,
                recipient = "bob",
            }
        );
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(
            "Transaction will be added to Block 2",
            (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()
        );

        var mined = await http.GetFromJsonAsync<JsonElement>("/mine");
        Assert.Equal(2, mined.GetProperty("index").GetInt32());
        var tx = mined.GetProperty("transactions")[0];
        Assert.Equal("50", tx.GetProperty("amount_bpsc").GetString());
        Assert.Equal("999950", tx.GetProperty("amount_receive").GetString());

        var chain = await http.GetFromJsonAsync<JsonElement>("/chain");
        Assert.Equal(2, chain.GetProperty("length").GetInt32());
        Assert.Equal(2, chain.GetProperty("chain").GetArrayLength());
    }
}
