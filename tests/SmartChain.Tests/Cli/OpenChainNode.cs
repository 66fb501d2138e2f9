using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

/// <summary>
/// One real node process with manual production whose open <c>aka</c> chain has four blocks: genesis, then
/// blocks of two, one and zero article transfers. Shared by the verify tests, which only read it.
/// </summary>
public sealed class OpenChainNode : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    public string HeadHash { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Node = await NodeProcess.StartAsync(
            TestStorage.UniquePrefix(),
            env: new Dictionary<string, string> { ["SMARTCHAIN_MANUAL"] = "true" }
        );
        foreach (var transfers in new[] { 2, 1, 0 })
        {
            for (var i = 0; i < transfers; i++)
            {
                var posted = await Node.Http.PostAsJsonAsync(
                    "transactions/new",
                    new
                    {
                        sender = "alice",
                        amount = 100 + i,
                        recipient = "bob",
                    }
                );
                Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
            }

            Assert.True((await Node.Http.GetAsync("mine")).IsSuccessStatusCode);
        }

        var chain = await Node.Http.GetFromJsonAsync<JsonElement>("chains/aka");
        Assert.Equal(4, chain.GetProperty("height").GetInt64());
        HeadHash = chain.GetProperty("head_hash").GetString()!;
    }

    public async Task DisposeAsync() => await Node.DisposeAsync();
}
