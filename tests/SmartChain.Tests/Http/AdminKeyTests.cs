using System.Net;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>SPEC §2/§5: the self-host's admin key — closed when unset, and only the exact key opens it.</summary>
public sealed class AdminKeyTests
{
    [Fact]
    public async Task UnsetKeyClosesAdminRoutesEvenToTheOldWellKnownKey()
    {
        await using var node = new NodeApp(settings: new Dictionary<string, string?> { ["SMARTCHAIN_ADMIN_KEY"] = "" });
        using var http = node.CreateClient();

        foreach (var key in new[] { "dev-admin-key", "", NodeApp.AdminKey })
        {
            using var response = await ForgeAsync(http, key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("test-admin-ke")]
    [InlineData("test-admin-keyx")]
    [InlineData("TEST-ADMIN-KEY")]
    [InlineData("test-admin-key ")]
    [InlineData("")]
    public async Task OnlyTheExactKeyOpensAdminRoutes(string wrong)
    {
        await using var node = new NodeApp();
        using var http = node.CreateClient();

        using var refused = await ForgeAsync(http, wrong);
        using var accepted = await ForgeAsync(http, NodeApp.AdminKey);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    private static Task<HttpResponseMessage> ForgeAsync(HttpClient http, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/chains/data/forge");
        request.Headers.TryAddWithoutValidation("x-functions-key", key);
        return http.SendAsync(request);
    }
}
