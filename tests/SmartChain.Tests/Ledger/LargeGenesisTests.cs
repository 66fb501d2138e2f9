using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Ledger;

public sealed class LargeGenesisTests
{
    [Fact]
    public async Task GenesisLargerThanOneTablePropertyIsStoredAndServed()
    {
        await using var node = new NodeApp();
        using var issuer = new TestWallet();
        var allocations = Enumerable.Range(1, 600).Select(i => ($"{i:x40}", "1.5")).ToList();

        var chain = await LedgerChain.CreateAsync(node.AdminClient(), issuer, allocations);

        var info = await node.CreateClient().GetFromJsonAsync<JsonElement>($"/chains/{chain}");
        Assert.Equal(600, info.GetProperty("genesis").GetArrayLength());
        Assert.Equal(
            "1.5",
            (await LedgerChain.AccountAsync(node.CreateClient(), chain, $"{600:x40}"))
                .GetProperty("balance")
                .GetString()
        );
    }
}
