using System.Net;
using Microsoft.Extensions.Time.Testing;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Production;

/// <summary>
/// The article's three ways to forge (interval, count, whichever first), count 1 (bpsc103) and heartbeat, on an
/// in-process node whose clock the test drives: the production loop sleeps on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class PolicyForgingTests
{
    // Half a second past a round minute, so the first "*/10" tick is 9.5 s away.
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, 500, TimeSpan.Zero);
    private static readonly DateTimeOffset FirstTick = new(2025, 1, 1, 0, 0, 10, TimeSpan.Zero);

    [Fact]
    public async Task IntervalForgesAtTheTickAndNotBefore()
    {
        await using var node = await PolicyNode.StartAsync(new { interval = "*/10 * * * * *" });
        await node.SubmitAsync();

        await node.Clock.AdvanceToAsync(FirstTick.AddMilliseconds(-500));
        await FakeClock.SettleAsync();
        Assert.Equal(1, await node.HeightAsync());

        await node.Clock.AdvanceToAsync(FirstTick.AddMilliseconds(500));
        await node.Clock.PollAsync(node.HeightAsync, h => h >= 2, FirstTick.AddSeconds(5), "the interval block");

        Assert.Equal(2, await node.HeightAsync());
        Assert.Equal(1, await node.TxCountAsync(2));
    }

    [Fact]
    public async Task EmptyIntervalForgesNothingWithoutHeartbeat()
    {
        await using var node = await PolicyNode.StartAsync(new { interval = "*/10 * * * * *" });

        await node.Clock.AdvanceToAsync(FirstTick.AddSeconds(25)); // three ticks, nothing pending
        await FakeClock.SettleAsync();

        Assert.Equal(1, await node.HeightAsync());
    }

    [Fact]
    public async Task HeartbeatForgesAnEmptyBlockOnTheTick()
    {
        await using var node = await PolicyNode.StartAsync(new { interval = "*/10 * * * * *", heartbeat = true });

        await node.Clock.AdvanceToAsync(FirstTick.AddMilliseconds(-500));
        await FakeClock.SettleAsync();
        Assert.Equal(1, await node.HeightAsync());

        await node.Clock.AdvanceToAsync(FirstTick.AddMilliseconds(500));
        await node.Clock.PollAsync(node.HeightAsync, h => h >= 2, FirstTick.AddSeconds(5), "the heartbeat block");

        Assert.Equal(2, await node.HeightAsync());
        Assert.Equal(0, await node.TxCountAsync(2));
    }

    [Fact]
    public async Task CountForgesAtExactlyTheCount()
    {
        await using var node = await PolicyNode.StartAsync(new { count = 3 });

        await node.SubmitAsync();
        await node.SubmitAsync();
        await FakeClock.SettleAsync();
        Assert.Equal(1, await node.HeightAsync());

        await node.SubmitAsync();
        await Eventually.ReturnsAsync(node.HeightAsync, h => h >= 2, TimeSpan.FromSeconds(10), "the count block");

        Assert.Equal(3, await node.TxCountAsync(2));
        await node.SubmitAsync();
        await FakeClock.SettleAsync();
        Assert.Equal(2, await node.HeightAsync());
    }

    [Fact]
    public async Task IntervalOrCountWhicheverComesFirst()
    {
        await using var node = await PolicyNode.StartAsync(new { interval = "*/10 * * * * *", count = 3 });

        // (B) the count comes first: no clock needed.
        for (var i = 0; i < 3; i++)
        {
            await node.SubmitAsync();
        }

        await Eventually.ReturnsAsync(node.HeightAsync, h => h >= 2, TimeSpan.FromSeconds(10), "the count block");
        Assert.Equal(3, await node.TxCountAsync(2));

        // (A) then the interval comes first for a lone transaction.
        await node.SubmitAsync();
        await FakeClock.SettleAsync();
        Assert.Equal(2, await node.HeightAsync());
        await node.Clock.AdvanceToAsync(FirstTick.AddMilliseconds(500));
        await node.Clock.PollAsync(node.HeightAsync, h => h >= 3, FirstTick.AddSeconds(5), "the interval block");

        Assert.Equal(3, await node.HeightAsync());
        Assert.Equal(1, await node.TxCountAsync(3));
    }

    [Fact]
    public async Task CountOneAnswersWithTheForgedBlock()
    {
        await using var node = await PolicyNode.StartAsync(new { count = 1 });

        using var response = await node.Http.PostJsonAsync(
            $"/chains/{PolicyNode.Chain}/transactions",
            new
            {
                sender = "alice",
                amount = 1_000_000,
                recipient = "bob",
            }
        );

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.Equal("included", answer.GetProperty("status").GetString());
        Assert.Equal(2, answer.GetProperty("block_index").GetInt64());
        var receipt = await node.Http.GetJsonAsync(
            $"/chains/{PolicyNode.Chain}/transactions/{answer.GetProperty("id").GetString()}"
        );
        Assert.Equal("included", receipt.GetProperty("status").GetString());
        Assert.Equal(0, receipt.GetProperty("position").GetInt32());
        Assert.Equal(1, receipt.GetProperty("proof").GetProperty("tree_size").GetInt32());
    }

    /// <summary>An in-process node on a fake clock with one custom chain of the given policy.</summary>
    private sealed class PolicyNode : IAsyncDisposable
    {
        public const string Chain = "policy";

        private readonly NodeApp _app;

        private PolicyNode(NodeApp app, FakeClock clock, HttpClient http)
        {
            _app = app;
            Clock = clock;
            Http = http;
        }

        public FakeClock Clock { get; }

        public HttpClient Http { get; }

        public static async Task<PolicyNode> StartAsync(object policy)
        {
            var time = new FakeTimeProvider(Start);
            var app = new NodeApp(
                clock: time,
                settings: new Dictionary<string, string?> { ["SMARTCHAIN_MANUAL"] = "false" }
            );
            using var admin = app.AdminClient();
            using var created = await admin.PostJsonAsync(
                "/chains",
                new
                {
                    id = Chain,
                    kind = "token",
                    policy,
                }
            );
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            return new PolicyNode(app, new FakeClock(time), app.CreateClient());
        }

        public async Task SubmitAsync()
        {
            using var response = await Http.PostJsonAsync(
                $"/chains/{Chain}/transactions",
                new
                {
                    sender = "alice",
                    amount = 5,
                    recipient = "bob",
                }
            );
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        public Task<long> HeightAsync() => Http.HeightAsync(Chain);

        public async Task<int> TxCountAsync(long index) =>
            (await Http.GetJsonAsync($"/chains/{Chain}/blocks/{index}")).GetProperty("tx_count").GetInt32();

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _app.DisposeAsync();
        }
    }
}
