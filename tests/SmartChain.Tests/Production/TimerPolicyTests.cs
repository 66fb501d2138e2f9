using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmartChain.FunctionApp.Functions;
using SmartChain.FunctionApp.Production;
using SmartChain.Tests.Support;
using SmartChain.Tests.Worker;

namespace SmartChain.Tests.Production;

/// <summary>
/// Issue 10 item 2: whatever the timer's schedule (here every simulated second, a sub-minute forge schedule), the
/// BPSC forges each chain exactly as its own policy says — a 5 s interval, a 1 min interval, and yearly-or-100 —
/// in both hosts: the self-host's <see cref="ProductionLoop"/> and the worker's <see cref="ForgeBlocks"/> timer, on a
/// fake clock. Two worker instances ticking at the same instant still forge one block per index.
/// </summary>
public sealed class TimerPolicyTests
{
    // Half a second past a round minute: every step of the simulated timer lands at x.5 s.
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, 500, TimeSpan.Zero);

    private static readonly (string Id, object Policy)[] Chains =
    [
        ("five", new { interval = "*/5 * * * * *" }),
        ("minute", new { interval = "0 * * * * *" }),
        ("yearly", new { interval = "0 0 0 1 1 *", count = 100 }),
    ];

    [Fact]
    public async Task SelfHostFollowsEachChainsPolicy()
    {
        var time = new FakeTimeProvider(Start);
        var settings = new Dictionary<string, string?> { ["SMARTCHAIN_MANUAL"] = "false" };
        await using var app = new NodeApp(clock: time, settings: settings);
        using var http = app.CreateClient();
        var clock = new FakeClock(time);
        await RunScenarioAsync(
            new Driver(
                app.AdminClient,
                http,
                async until =>
                {
                    await clock.AdvanceToAsync(until);
                    await FakeClock.SettleAsync();
                },
                (chain, height, notAfter) =>
                    clock.PollAsync(() => http.HeightAsync(chain), h => h >= height, notAfter, $"{chain} at {height}")
            )
        );
    }

    [Fact]
    public async Task WorkerTimerFollowsEachChainsPolicy()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = new NodeApp(clock: time);
        var node = WithoutProductionLoop(app);
        using var http = node.CreateClient();
        using var worker = Worker(app.Prefix, time);
        var forge = ActivatorUtilities.CreateInstance<ForgeBlocks>(worker.Services);
        await RunScenarioAsync(
            new Driver(
                () => AdminClient(node),
                http,
                async until =>
                {
                    // SMARTCHAIN_FORGE_SCHEDULE "* * * * * *": the timer fires every second, with no schedule status.
                    while (time.GetUtcNow() < until)
                    {
                        var left = until - time.GetUtcNow();
                        time.Advance(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1));
                        await OnFakeClockAsync(forge.Run(SubMinuteTick(), CancellationToken.None), time);
                    }
                },
                (chain, _, _) => http.HeightAsync(chain)
            )
        );
    }

    [Fact]
    public async Task TwoWorkersTickingAtOnceForgeOneBlockPerIndex()
    {
        var time = new FakeTimeProvider(Start);
        await using var app = new NodeApp(clock: time);
        var node = WithoutProductionLoop(app);
        using var http = node.CreateClient();
        await CreateChainsAsync(() => AdminClient(node));
        using var first = Worker(app.Prefix, time);
        using var second = Worker(app.Prefix, time);
        var forges = new[] { first, second, first, second }
            .Select(w => ActivatorUtilities.CreateInstance<ForgeBlocks>(w.Services))
            .ToList();

        var ids = new List<string>();
        for (var round = 1; round <= 5; round++)
        {
            for (var i = 0; i < 3; i++)
            {
                ids.Add(await SubmitAsync(http, "five"));
            }

            time.Advance(TimeSpan.FromSeconds(5)); // the next "*/5" tick has passed, for every instance at once
            await OnFakeClockAsync(
                Task.WhenAll(forges.Select(f => f.Run(SubMinuteTick(), CancellationToken.None))),
                time
            );

            Assert.Equal(1 + round, await http.HeightAsync("five"));
            Assert.Equal(3, await TxCountAsync(http, "five", 1 + round));
        }

        var audit = await ChainAudit.DownloadAndVerifyAsync(http, "five");
        Assert.Equal(6, audit.Height);
        Assert.Equal(ids.Order(), audit.TransactionIds.Order());
    }

    /// <summary>
    /// One transaction to each chain at the start and again after the minute's block; then 100 to the yearly one.
    /// <paramref name="driver"/> moves fake time (its host forging as it goes) and reads heights.
    /// </summary>
    private static async Task RunScenarioAsync(Driver driver)
    {
        var http = driver.Http;
        await CreateChainsAsync(driver.AdminClient);
        foreach (var (id, _) in Chains)
        {
            await SubmitAsync(http, id);
        }

        await driver.AdvanceToAsync(At(4.5));
        await AssertHeightsAsync(http, five: 1, minute: 1, yearly: 1);

        // The 5 s chain's first tick after the submission.
        await driver.AdvanceToAsync(At(5.5));
        Assert.Equal(2, await driver.AwaitHeightAsync("five", 2, At(6)));
        Assert.Equal(1, await TxCountAsync(http, "five", 2));

        // Eleven more 5 s ticks with nothing pending: no empty block (no heartbeat); the minute has not come.
        await driver.AdvanceToAsync(At(59.5));
        await AssertHeightsAsync(http, five: 2, minute: 1, yearly: 1);

        await driver.AdvanceToAsync(At(60.5));
        Assert.Equal(2, await driver.AwaitHeightAsync("minute", 2, At(61)));
        Assert.Equal(1, await TxCountAsync(http, "minute", 2));

        await driver.AdvanceToAsync(At(62.5));
        await AssertHeightsAsync(http, five: 2, minute: 2, yearly: 1);
        foreach (var (id, _) in Chains)
        {
            await SubmitAsync(http, id);
        }

        await driver.AdvanceToAsync(At(64.5));
        await AssertHeightsAsync(http, five: 2, minute: 2, yearly: 1);
        await driver.AdvanceToAsync(At(65.5));
        Assert.Equal(3, await driver.AwaitHeightAsync("five", 3, At(66)));
        Assert.Equal(1, await TxCountAsync(http, "five", 3));

        await driver.AdvanceToAsync(At(119.5));
        await AssertHeightsAsync(http, five: 3, minute: 2, yearly: 1);
        await driver.AdvanceToAsync(At(120.5));
        Assert.Equal(3, await driver.AwaitHeightAsync("minute", 3, At(121)));
        Assert.Equal(1, await TxCountAsync(http, "minute", 3));

        // 2 min 10 s: 3, 3 and still only the genesis block for the yearly chain (2 of its 100 pending).
        await driver.AdvanceToAsync(At(130.5));
        await AssertHeightsAsync(http, five: 3, minute: 3, yearly: 1);

        for (var i = 0; i < 97; i++)
        {
            await SubmitAsync(http, "yearly");
        }

        await driver.AdvanceToAsync(At(131.5));
        await AssertHeightsAsync(http, five: 3, minute: 3, yearly: 1); // 99 pending

        await SubmitAsync(http, "yearly");
        await driver.AdvanceToAsync(At(132.5));
        await Eventually.ReturnsAsync(() => http.HeightAsync("yearly"), h => h >= 2, TimeSpan.FromSeconds(10), "count");
        Assert.Equal(100, await TxCountAsync(http, "yearly", 2));

        // Nothing pending anywhere: further ticks forge nothing.
        await driver.AdvanceToAsync(At(190.5));
        await AssertHeightsAsync(http, five: 3, minute: 3, yearly: 2);
    }

    /// <summary>
    /// Waits for forges to finish while letting a few fake milliseconds pass: a forge that loses a race (to another
    /// instance, or to the count trigger a submission started) backs off on the clock, which would otherwise stand
    /// still.
    /// </summary>
    private static async Task OnFakeClockAsync(Task forging, FakeTimeProvider time)
    {
        while (!forging.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.WhenAny(forging, Task.Delay(10));
        }

        await forging;
    }

    private static DateTimeOffset At(double seconds) => Start.AddMilliseconds(-500).AddSeconds(seconds);

    private static TimerInfo SubMinuteTick() => new() { ScheduleStatus = null, IsPastDue = false };

    /// <summary>The node (disposed with <paramref name="app"/>) accepting and serving, no timer forging.</summary>
    private static WebApplicationFactory<Program> WithoutProductionLoop(NodeApp app) =>
        app.WithWebHostBuilder(b =>
            b.ConfigureTestServices(services =>
            {
                foreach (var loop in services.Where(d => d.ImplementationType == typeof(ProductionLoop)).ToList())
                {
                    services.Remove(loop);
                }
            })
        );

    private static HttpClient AdminClient(WebApplicationFactory<Program> node)
    {
        var client = node.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", NodeApp.AdminKey);
        return client;
    }

    private static IHost Worker(string prefix, TimeProvider time) =>
        WorkerAssembly.BuildHost(
            new Dictionary<string, string?>
            {
                ["SMARTCHAIN_STORAGE"] = TestStorage.ConnectionString,
                ["SMARTCHAIN_TABLE_PREFIX"] = prefix,
                ["SMARTCHAIN_MANUAL"] = "true",
                ["SMARTCHAIN_FORGE_SCHEDULE"] = "* * * * * *",
            },
            time
        );

    private static async Task CreateChainsAsync(Func<HttpClient> adminClient)
    {
        using var admin = adminClient();
        foreach (var (id, policy) in Chains)
        {
            using var created = await admin.PostJsonAsync(
                "/chains",
                new
                {
                    id,
                    kind = "token",
                    policy,
                }
            );
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
    }

    private static async Task<string> SubmitAsync(HttpClient http, string chain)
    {
        var transfer = new
        {
            sender = "alice",
            amount = 5,
            recipient = "bob",
        };
        using var response = await http.PostJsonAsync($"/chains/{chain}/transactions", transfer);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    private static async Task<int> TxCountAsync(HttpClient http, string chain, long index) =>
        (await http.GetJsonAsync($"/chains/{chain}/blocks/{index}")).GetProperty("tx_count").GetInt32();

    private static async Task AssertHeightsAsync(HttpClient http, long five, long minute, long yearly)
    {
        Assert.Equal(
            (five, minute, yearly),
            (await http.HeightAsync("five"), await http.HeightAsync("minute"), await http.HeightAsync("yearly"))
        );
    }

    private sealed record Driver(
        Func<HttpClient> AdminClient,
        HttpClient Http,
        Func<DateTimeOffset, Task> AdvanceToAsync,
        Func<string, long, DateTimeOffset, Task<long>> AwaitHeightAsync
    );
}
