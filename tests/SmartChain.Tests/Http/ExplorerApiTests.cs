using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using SmartChain.Domain.Crypto;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// The explorer's page and assets as HTTP serves them, the ETag of block pages and the head's event stream.
/// </summary>
public sealed partial class ExplorerApiTests : IAsyncLifetime
{
    private readonly NodeApp _node = new();
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _http = _node.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/explorer/aka")]
    [InlineData("/explorer/aka/blocks/1")]
    [InlineData("/explorer/aka/accounts/0123456789abcdef0123456789abcdef01234567")]
    public async Task EveryViewPathServesThePageUncachedUnderAStrictPolicy(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script>|<script [^>]*>[^<]", html);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssetsAreServedUnderTheirContentHashAndCachedForever()
    {
        var html = await _http.GetStringAsync("/");
        var names = HashedAsset().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(
            names,
            n => n.StartsWith("app.", StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal)
        );
        Assert.Contains(
            names,
            n => n.StartsWith("style.", StringComparison.Ordinal) && n.EndsWith(".css", StringComparison.Ordinal)
        );

        var app = await _http.GetAsync($"/assets/{names.First(n => n.StartsWith("app.", StringComparison.Ordinal))}");
        Assert.Equal("public, max-age=31536000, immutable", app.Headers.CacheControl?.ToString());
        Assert.Equal("text/javascript", app.Content.Headers.ContentType?.MediaType);
        var bytes = await app.Content.ReadAsByteArrayAsync();
        var name = names.First(n => n.StartsWith("app.", StringComparison.Ordinal));
        Assert.Equal(name.Split('.')[1], Hex.Encode(SHA256.HashData(bytes))[..16]);

        // Its imports name the sibling modules by their hashed names too, and those are served.
        var imports = HashedImport()
            .Matches(System.Text.Encoding.UTF8.GetString(bytes))
            .Select(m => m.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(imports);
        foreach (var import in imports)
        {
            Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/assets/{import}")).StatusCode);
        }
    }

    [Theory]
    [InlineData("/assets/app.js")]
    [InlineData("/assets/app.0000000000000000.js")]
    [InlineData("/assets/..%2Fappsettings.json")]
    public async Task AnAssetNotUnderItsHashedNameIsNotFound(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BlockPageAnswersNotModifiedUntilTheHeadMoves()
    {
        var first = await _http.GetAsync("/chains/aka/blocks?from=2");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/chains/aka/blocks?from=2");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await _http.SendAsync(again)).StatusCode);

        await _node.AdminClient().PostAsync("/chains/aka/forge", null);
        using var after = new HttpRequestMessage(HttpMethod.Get, "/chains/aka/blocks?from=2");
        after.Headers.IfNoneMatch.Add(etag);
        var moved = await _http.SendAsync(after);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.NotEqual(etag, moved.Headers.ETag);
        var page = await moved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, page.GetProperty("blocks")[0].GetProperty("index").GetInt64());
    }

    [Fact]
    public async Task EventStreamSaysHelloThenNamesEachNewHead()
    {
        using var response = await _http.GetAsync("/chains/aka/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        Assert.Equal("hello", (await NextEventAsync(reader, timeout.Token)).Type);
        var first = await NextEventAsync(reader, timeout.Token);
        Assert.Equal(("head", "1"), (first.Type, first.Id));

        await _node.AdminClient().PostAsync("/chains/aka/forge", null);
        var next = await NextEventAsync(reader, timeout.Token);
        Assert.Equal(("head", "2"), (next.Type, next.Id));
        using var data = JsonDocument.Parse(next.Data);
        Assert.Equal(2, data.RootElement.GetProperty("height").GetInt64());
        Assert.Equal(64, data.RootElement.GetProperty("hash").GetString()!.Length);
    }

    [Fact]
    public async Task EventsOfAnUnknownChainAreNotFound() =>
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("/chains/nosuch/events")).StatusCode);

    private static async Task<(string? Type, string? Id, string Data)> NextEventAsync(
        StreamReader reader,
        CancellationToken cancellationToken
    )
    {
        string? id = null;
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                return (type, id, data);
            }

            var colon = line.IndexOf(':');
            var (field, value) = colon >= 0 ? (line[..colon], line[(colon + 1)..].TrimStart()) : (line, "");
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    data = value;
                    break;
            }
        }

        throw new EndOfStreamException("the stream ended before the next event");
    }

    [GeneratedRegex("""/assets/([a-z0-9-]+\.[0-9a-f]{16}\.(?:js|css))""")]
    private static partial Regex HashedAsset();

    [GeneratedRegex("""from "\./([a-z0-9-]+\.[0-9a-f]{16}\.js)""")]
    private static partial Regex HashedImport();
}
