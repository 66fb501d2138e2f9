using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// SPEC §4: the anonymous routes that make a node work — <c>/mine</c>, <c>/smart/chain</c>, <c>/nodes/register</c> —
/// are rate-limited per client IP, on a real node process over real sockets. Each test speaks from its own
/// loopback address (127.0.0.x), so each is its own client; the node is told 1 request/s with a burst of 3.
/// </summary>
public sealed class RateLimitTests(RateLimitTests.LimitedNode fixture) : IClassFixture<RateLimitTests.LimitedNode>
{
    /// <summary>One manual node with a small limit: 1 request/s, a burst of 3.</summary>
    public sealed class LimitedNode : IAsyncLifetime
    {
        private NodeProcess? _node;

        public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

        public async Task InitializeAsync() =>
            _node = await NodeProcess.StartAsync(
                TestStorage.UniquePrefix(),
                args: ["--manual"],
                env: new Dictionary<string, string>
                {
                    ["SMARTCHAIN_RATE_LIMIT_PER_SECOND"] = "1",
                    ["SMARTCHAIN_RATE_LIMIT_BURST"] = "3",
                }
            );

        public async Task DisposeAsync()
        {
            if (_node is not null)
            {
                await _node.DisposeAsync();
            }
        }
    }

    private const int Attempts = 30;

    [Fact]
    public async Task MineOverTheLimitIsA429WithRetryAfterAndForgesNothing()
    {
        using var client = From("127.0.0.11");
        var (limited, before) = await BurstUntilLimitedAsync(client, () => client.GetAsync("/mine"));

        await AssertTooManyRequestsAsync(limited);
        Assert.Equal(before, await HeightsAsync(client));

        // Another client is not held back by this one.
        using var other = From("127.0.0.12");
        using var answer = await other.GetAsync("/mine");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task RegisterOverTheLimitIsA429AndAddsNoPeer()
    {
        using var client = From("127.0.0.13");
        var port = 40_000;
        var (limited, _) = await BurstUntilLimitedAsync(
            client,
            () => client.PostAsJsonAsync("/nodes/register", new { nodes = new[] { $"http://127.0.0.1:{port++}" } })
        );
        var refusedPeer = $"127.0.0.1:{port - 1}";

        await AssertTooManyRequestsAsync(limited);
        // Past the Retry-After the node gave, the same client is served again.
        await Task.Delay(limited.Headers.RetryAfter!.Delta!.Value + TimeSpan.FromMilliseconds(100));
        using var later = await client.PostAsJsonAsync(
            "/nodes/register",
            new { nodes = new[] { "http://127.0.0.1:39999" } }
        );
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        var peers = (await later.JsonAsync())
            .GetProperty("total_nodes")
            .EnumerateArray()
            .Select(p => p.GetString())
            .ToList();
        Assert.DoesNotContain(refusedPeer, peers);
        Assert.Contains("127.0.0.1:39999", peers);
    }

    [Fact]
    public async Task SmartChainOverTheLimitIsA429()
    {
        using var client = From("127.0.0.14");
        var (limited, _) = await BurstUntilLimitedAsync(client, () => client.GetAsync("/smart/chain"));

        await AssertTooManyRequestsAsync(limited);
    }

    [Fact]
    public async Task ReadsAreNotLimited()
    {
        using var client = From("127.0.0.15");
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/chains/aka");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task AForwardedForHeaderIsIgnoredUnlessTheOperatorTrustsIt()
    {
        await using var node = new NodeApp(
            settings: new Dictionary<string, string?>
            {
                ["SMARTCHAIN_RATE_LIMIT_BURST"] = "1",
                ["SMARTCHAIN_RATE_LIMIT_PER_SECOND"] = "1",
            }
        );
        using var http = node.CreateClient();

        using var first = await CallAsync(http, "203.0.113.1");
        using var spoofed = await CallAsync(http, "203.0.113.2");

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed.StatusCode);
    }

    [Fact]
    public async Task BehindATrustedProxyTheLastForwardedAddressIsTheClient()
    {
        await using var node = new NodeApp(
            settings: new Dictionary<string, string?>
            {
                ["SMARTCHAIN_RATE_LIMIT_BURST"] = "1",
                ["SMARTCHAIN_RATE_LIMIT_PER_SECOND"] = "1",
                ["SMARTCHAIN_CLIENT_IP_HEADER"] = "X-Forwarded-For",
            }
        );
        using var http = node.CreateClient();

        using var first = await CallAsync(http, "198.51.100.9, 203.0.113.1");
        using var second = await CallAsync(http, "198.51.100.9, 203.0.113.2:5123");
        using var again = await CallAsync(http, "10.0.0.1, 203.0.113.1");

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
    }

    /// <summary>
    /// A limited route's cheapest call (a 400 when let through), so that the bucket cannot refill between calls.
    /// </summary>
    private static Task<HttpResponseMessage> CallAsync(HttpClient http, string forwardedFor)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/nodes/register")
        {
            Content = JsonContent.Create(new { }),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    /// <summary>
    /// Sends until the node answers 429 (it must within <see cref="Attempts"/>); the answer and the heights just before
    /// it.
    /// </summary>
    private static async Task<(HttpResponseMessage Limited, string HeightsBefore)> BurstUntilLimitedAsync(
        HttpClient client,
        Func<Task<HttpResponseMessage>> send
    )
    {
        for (var i = 0; i < Attempts; i++)
        {
            var before = await HeightsAsync(client);
            var response = await send();
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, before);
            }

            Assert.True(
                response.IsSuccessStatusCode,
                $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
            );
            response.Dispose();
        }

        throw new Xunit.Sdk.XunitException($"{Attempts} calls in a row, none refused with 429");
    }

    private static async Task AssertTooManyRequestsAsync(HttpResponseMessage limited)
    {
        using (limited)
        {
            Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
            var problem = await limited.JsonAsync();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
            var retryAfter = limited.Headers.RetryAfter?.Delta;
            Assert.NotNull(retryAfter);
            Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        }
    }

    private static async Task<string> HeightsAsync(HttpClient client) =>
        $"{await client.HeightAsync("aka")}/{await client.HeightAsync("data")}";

    /// <summary>
    /// A client whose connections leave from <paramref name="source"/>, one loopback address per simulated client.
    /// </summary>
    private HttpClient From(string source)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp)
                {
                    NoDelay = true,
                };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = fixture.Node.Url, Timeout = TimeSpan.FromSeconds(60) };
    }
}
