using System.Net;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Sync;

/// <summary>
/// <c>/nodes/register</c> keeps a bounded list of plausible peers: never a link-local or cloud metadata address.
/// </summary>
public sealed class PeerRegistrationTests
{
    [Theory]
    [InlineData("http://169.254.169.254")]
    [InlineData("http://169.254.169.254:80")]
    [InlineData("http://169.254.1.2:5000")]
    [InlineData("http://[fe80::1]:5000")]
    [InlineData("http://[febf::1]")]
    [InlineData("http://[fd00:ec2::254]")]
    [InlineData("http://[::ffff:169.254.169.254]")]
    [InlineData("http://metadata.google.internal")]
    [InlineData("http://METADATA.google.internal.:8080")]
    [InlineData("http://metadata")]
    [InlineData("http://2852039166")]
    [InlineData("http://0xa9fea9fe:80")]
    public async Task RegisterRefusesLinkLocalAndMetadataAddresses(string url)
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();

        using var refused = await http.PostJsonAsync(
            "/nodes/register",
            new { nodes = new[] { "http://127.0.0.1:5001", url } }
        );

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("link-local or cloud metadata", (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.Empty(await PeersAsync(http));
    }

    [Fact]
    public async Task PeerListIsBounded()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();
        var hundred = Enumerable.Range(1, 100).Select(i => $"http://10.0.{i / 250}.{i % 250}:5000").ToArray();

        using (var accepted = await http.PostJsonAsync("/nodes/register", new { nodes = hundred }))
        {
            Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        }

        using (var again = await http.PostJsonAsync("/nodes/register", new { nodes = hundred.Take(3).ToArray() }))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode); // known peers do not count twice
            Assert.Equal(100, (await again.JsonAsync()).GetProperty("total_nodes").GetArrayLength());
        }

        using var refused = await http.PostJsonAsync(
            "/nodes/register",
            new { nodes = new[] { "http://10.1.0.1:5000" } }
        );

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 100", (await refused.JsonAsync()).GetProperty("detail").GetString());
        Assert.DoesNotContain("10.1.0.1:5000", await PeersAsync(http));
    }

    /// <summary>
    /// The peer list as a registration of a known peer reports it (there is no read route for peers).
    /// </summary>
    private static async Task<IReadOnlyList<string>> PeersAsync(HttpClient http)
    {
        using var known = await http.PostJsonAsync("/nodes/register", new { nodes = new[] { "http://10.0.0.1:5000" } });
        return (await known.JsonAsync())
            .GetProperty("total_nodes")
            .EnumerateArray()
            .Select(n => n.GetString()!)
            .Where(n => n != "10.0.0.1:5000")
            .ToList();
    }
}
