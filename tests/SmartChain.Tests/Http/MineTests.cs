using System.Net;
using System.Net.Http.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// Issue 11, finding 5 (SPEC §4): anonymous <c>GET /mine</c> forges the default chains this node produces
/// (<c>aka</c>, <c>data</c>) and nothing else; a chain created through <c>POST /chains</c> is forged only by its policy
/// or the admin forge.
/// </summary>
public sealed class MineTests
{
    [Fact]
    public async Task MineForgesOnlyTheDefaultChainsNeverAnAdminCreatedOne()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();
        var admin = node.AdminClient();
        var manual = "m" + Guid.NewGuid().ToString("N")[..10];
        using (var created = await admin.PostAsJsonAsync("/chains", new { id = manual, kind = "data" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (
            var submitted = await http.PostAsJsonAsync(
                $"/chains/{manual}/transactions",
                new { information = "waits for the admin" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        }

        var akaBefore = await http.HeightAsync("aka");
        var dataBefore = await http.HeightAsync("data");

        var mined = await http.GetJsonAsync("/mine");

        var forged = mined
            .GetProperty("forged")
            .EnumerateArray()
            .Select(b => b.GetProperty("chain").GetString())
            .Order()
            .ToList();
        Assert.Equal(["aka", "data"], forged);
        Assert.Equal(akaBefore + 1, await http.HeightAsync("aka"));
        Assert.Equal(dataBefore + 1, await http.HeightAsync("data"));
        Assert.Equal(1, await http.HeightAsync(manual));

        // The record is still pending: the admin forge is what takes it.
        Assert.Equal(1, (await LedgerChain.ForgeAsync(admin, manual)).GetProperty("tx_count").GetInt32());
    }
}
