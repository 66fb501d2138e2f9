using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Tests.Support;

/// <summary>
/// Creates ledger chains through the admin API and reads their accounts: the setup ledger tests share.
/// </summary>
public static class LedgerChain
{
    public static async Task<string> CreateAsync(
        HttpClient admin,
        TestWallet issuer,
        IEnumerable<(string Address, string Amount)> genesis,
        Action<JsonObject>? adjust = null
    )
    {
        var id = "l" + Guid.NewGuid().ToString("N")[..10];
        var body = new JsonObject
        {
            ["id"] = id,
            ["kind"] = "token",
            ["mode"] = "ledger",
            ["decimals"] = 6,
            ["fee_rate"] = "0.00005",
            ["fee_policy"] = "accumulate",
            ["issuer_public_key"] = issuer.PublicKey,
            ["genesis"] = new JsonArray(
                genesis
                    .Select(g => (JsonNode)new JsonObject { ["address"] = g.Address, ["amount"] = g.Amount })
                    .ToArray()
            ),
        };
        adjust?.Invoke(body);
        var response = await admin.PostAsJsonAsync("/chains", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    public static async Task<JsonElement> AccountAsync(HttpClient http, string chain, string address) =>
        await http.GetFromJsonAsync<JsonElement>($"/chains/{chain}/accounts/{address}");

    public static async Task<JsonElement> ForgeAsync(HttpClient admin, string chain)
    {
        var response = await admin.PostAsync($"/chains/{chain}/forge", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
