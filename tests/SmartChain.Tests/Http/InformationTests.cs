using System.Net;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

public sealed class InformationTests
{
    [Fact]
    public async Task RecordsWithEmojiAreServedExactlyAsPostedAndVerify()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();
        var posted = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            // Many records in one block: their text spans several 30,000-character storage chunks.
            var information = new string('x', i) + string.Concat(Enumerable.Repeat("😀é中", 1_000));
            using var response = await http.PostJsonAsync("/information/new", new { information });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            posted.Add(information);
        }

        await http.GetJsonAsync("/mine");

        var audit = await ChainAudit.DownloadAndVerifyAsync(http, "data");
        var served = audit
            .Blocks[1]
            .Transactions.Select(t => JsonDocument.Parse(t).RootElement.GetProperty("information").GetString()!)
            .ToList();
        Assert.Equal(posted, served);
        var chain2 = await http.GetJsonAsync("/chain2");
        Assert.Equal(
            posted,
            chain2
                .GetProperty("chain2")[1]
                .GetProperty("transactions")
                .EnumerateArray()
                .Select(t => t.GetProperty("information").GetString())
        );
    }
}
