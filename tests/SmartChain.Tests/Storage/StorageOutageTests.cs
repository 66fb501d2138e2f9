using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Storage;

/// <summary>
/// SPEC §10, §11 (issue 11): a real node under load while its real Azurite is killed (SIGKILL) and started again on
/// the same port and data. While storage is down every route answers 503 problem+json with Retry-After, never another
/// 5xx and never a hang; once it is back the node recovers by itself (acceptance, group commit, the producer's
/// policy), the chain verifies and every acknowledged transaction is in exactly one block.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class StorageOutageTests(ITestOutputHelper output)
{
    /// <summary>
    /// Far above the storage client's bounded retries (~1.5 s when storage refuses): only a hang reaches it.
    /// </summary>
    private static readonly TimeSpan NoAnswer = TimeSpan.FromSeconds(30);

    /// <param name="kill">SIGKILL (the emulator loses its last ~5 s of writes) or SIGINT (it saves them first).</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task NodeAnswers503WhileStorageIsDownAndRecoversByItselfLosingNothingAcknowledged(bool kill)
    {
        using var azurite = await DiskAzurite.StartAsync();
        await using var node = await NodeProcess.StartAsync(
            TestStorage.UniquePrefix(),
            env: new Dictionary<string, string>
            {
                ["SMARTCHAIN_STORAGE"] = azurite.ConnectionString,
                ["SMARTCHAIN_DEFAULT_POLICY_COUNT"] = "50",
                ["SMARTCHAIN_DEFAULT_POLICY_INTERVAL"] = "*/1 * * * * *",
            }
        );
        using var http = new HttpClient { BaseAddress = node.Url, Timeout = NoAnswer };
        http.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
        using var issuer = new TestWallet();
        var ledger = await LedgerChain.CreateAsync(http, issuer, [(issuer.Address, "1000")]);

        var load = new Load(http);
        using var stop = new CancellationTokenSource();
        var clients = load.RunAsync(clients: 8, stop.Token);
        // longer than the emulator's unsaved window: some writes are on disk
        await Task.Delay(TimeSpan.FromSeconds(12));
        Assert.NotEmpty(load.Acknowledged);

        var killing = DateTime.UtcNow;
        output.WriteLine(kill ? "Azurite: SIGKILL" : "Azurite: SIGINT (saves, then exits)");
        if (kill)
        {
            azurite.Kill();
        }
        else
        {
            await azurite.InterruptAsync();
        }

        var killedAt = DateTime.UtcNow; // Kill walks the process tree: on a busy machine it has taken over a second
        await Task.Delay(TimeSpan.FromSeconds(3));
        var transfer = issuer.Transfer(ledger, new string('b', 40), "5", nonce: 0);
        var probes = await ProbeEveryRouteAsync(http, ledger, transfer, load.Acknowledged.First().Id);
        await Task.Delay(TimeSpan.FromSeconds(2));
        var downUntil = DateTime.UtcNow;

        await azurite.RestartAsync();
        var restartedAt = DateTime.UtcNow;
        await Eventually.ReturnsAsync(
            () => Task.FromResult(load.AcknowledgedSince(restartedAt)),
            n => n > 50,
            TimeSpan.FromSeconds(60),
            "acceptance after storage came back"
        );
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await clients;

        // While down: 503 problem+json with Retry-After on every route, and on every loaded request in the window.
        foreach (var (route, answer) in probes)
        {
            output.WriteLine($"down: {route} → {(int)answer.Status} in {answer.Elapsed.TotalMilliseconds:F0} ms");
            Assert.True(
                answer.Status == HttpStatusCode.ServiceUnavailable,
                $"{route} answered {(int)answer.Status} while storage was down: {answer.Body}"
            );
            Assert.True(answer.RetryAfter, $"{route} answered 503 without Retry-After");
            Assert.Equal("application/problem+json", answer.ContentType);
        }

        var during = load.Answers.Where(a => a.At > killedAt.AddSeconds(1) && a.At < downUntil).ToList();
        var codes = load.Answers.GroupBy(a => (int)a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        output.WriteLine(
            $"load: {load.Answers.Count} answers ({string.Join(", ", codes)}), {load.Unanswered} unanswered; "
                + $"while down {during.Count}, slowest {during.Max(a => a.Elapsed).TotalMilliseconds:F0} ms, "
                + $"slowest overall {load.Answers.Max(a => a.Elapsed).TotalMilliseconds:F0} ms"
        );
        Assert.NotEmpty(during);
        Assert.All(during, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(
            load.Answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable),
            a => Assert.True(a.RetryAfter)
        );
        Assert.DoesNotContain(load.Answers, a => (int)a.Status >= 500 && a.Status != HttpStatusCode.ServiceUnavailable);
        Assert.Equal(0, load.Unanswered);

        // Recovered by itself: the ledger committer takes a transfer again, and the policy forges without the admin.
        using (var accepted = await http.PostAsJsonAsync($"/chains/{ledger}/transactions", transfer))
        {
            Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());
        }

        var fresh = load.Acknowledged.Where(a => a.At > restartedAt).Select(a => a.Id).Last();
        await Eventually.ReturnsAsync(
            async () =>
                (await http.GetJsonAsync($"/chains/{ChainOf(fresh, load)}/transactions/{fresh}"))
                    .GetProperty("status")
                    .GetString(),
            status => status == "included",
            TimeSpan.FromSeconds(30),
            "a transaction accepted after the outage forged by the policy"
        );

        foreach (var chain in new[] { "aka", "data", ledger })
        {
            await http.DrainAsync(chain, NodeProcess.AdminKey);
        }

        var ledgerAudit = await ChainAudit.DownloadAndVerifyAsync(http, ledger);
        Assert.Contains(TestWallet.IdOf(transfer), ledgerAudit.TransactionIds);
        foreach (var chain in new[] { "aka", "data" })
        {
            var audit = await ChainAudit.DownloadAndVerifyAsync(http, chain);
            var counts = audit.TransactionIds.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
            var acknowledged = load.Acknowledged.Where(a => a.Chain == chain).ToList();

            // The emulator itself saves to disk every 5 s: what it acknowledged just before a SIGKILL it may have lost.
            var saved = acknowledged
                .Where(a => !kill || a.At < killing - DiskAzurite.UnsavedWindow || a.At > restartedAt)
                .ToList();
            var lostByEmulator = acknowledged.Except(saved).Count(a => !counts.ContainsKey(a.Id));
            output.WriteLine(
                $"{chain}: height {audit.Height}, {audit.TransactionIds.Count} transactions, {acknowledged.Count} "
                    + "acknowledged, "
                    + $"{acknowledged.Count(a => a.At > restartedAt)} after the restart; {lostByEmulator} acknowledged "
                    + "in the emulator's unsaved window are gone"
            );
            var twice = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
            var lost = saved.Where(a => !counts.ContainsKey(a.Id)).Select(a => a.Id).ToList();
            Assert.True(
                twice.Count == 0,
                $"{twice.Count} transactions are in more than one block, e.g. {string.Join(", ", twice.Take(5))}"
            );
            Assert.True(
                lost.Count == 0,
                $"{lost.Count} of {saved.Count} acknowledged transactions are in no block, e.g. "
                    + $"{string.Join(", ", lost.Take(5))}"
            );
            await audit.AssertReceiptsAsync(http, chain, saved.Where((_, i) => i % 50 == 0).Select(a => a.Id));
        }
    }

    private static string ChainOf(string id, Load load) => load.Acknowledged.First(a => a.Id == id).Chain;

    /// <summary>One request of each kind the node serves, made while storage is down.</summary>
    private static async Task<List<(string Route, Answer Answer)>> ProbeEveryRouteAsync(
        HttpClient http,
        string ledger,
        JsonObject transfer,
        string knownId
    )
    {
        var newChain = new JsonObject { ["id"] = "o" + Guid.NewGuid().ToString("N")[..10], ["kind"] = "data" };
        var requests = new List<(string, Func<HttpRequestMessage>)>
        {
            (
                "POST /transactions/new",
                () =>
                    Post(
                        "/transactions/new",
                        new JsonObject
                        {
                            ["sender"] = "a",
                            ["amount"] = 1,
                            ["recipient"] = "b",
                        }
                    )
            ),
            (
                "POST /information/new",
                () => Post("/information/new", new JsonObject { ["information"] = new JsonObject { ["k"] = "v" } })
            ),
            (
                "POST /chains/aka/transactions",
                () =>
                    Post(
                        "/chains/aka/transactions",
                        new JsonObject
                        {
                            ["sender"] = "a",
                            ["amount"] = "1",
                            ["recipient"] = "b",
                        }
                    )
            ),
            (
                "POST /chains/data/transactions",
                () => Post("/chains/data/transactions", new JsonObject { ["information"] = "x" })
            ),
            ($"POST /chains/{ledger}/transactions", () => Post($"/chains/{ledger}/transactions", transfer)),
            ("POST /chains/aka/forge", () => new HttpRequestMessage(HttpMethod.Post, "/chains/aka/forge")),
            ("POST /chains", () => Post("/chains", newChain)),
            ("GET /chains", () => new HttpRequestMessage(HttpMethod.Get, "/chains")),
            ("GET /chains/aka", () => new HttpRequestMessage(HttpMethod.Get, "/chains/aka")),
            ("GET /chain", () => new HttpRequestMessage(HttpMethod.Get, "/chain")),
            ("GET /chains/aka/blocks/1", () => new HttpRequestMessage(HttpMethod.Get, "/chains/aka/blocks/1")),
            ("GET /chains/aka/blocks", () => new HttpRequestMessage(HttpMethod.Get, "/chains/aka/blocks?from=1")),
            (
                $"GET /chains/aka/transactions/{{id}}",
                () => new HttpRequestMessage(HttpMethod.Get, $"/chains/aka/transactions/{knownId}")
            ),
            (
                $"GET /chains/{ledger}/accounts/{{address}}",
                () => new HttpRequestMessage(HttpMethod.Get, $"/chains/{ledger}/accounts/{new string('b', 40)}")
            ),
        };
        var answers = new List<(string, Answer)>();
        foreach (var (route, request) in requests)
        {
            using var message = request();
            answers.Add((route, await Answer.OfAsync(http, message)));
        }

        return answers;
    }

    private static HttpRequestMessage Post(string path, JsonObject body) =>
        new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private sealed record Answer(
        DateTime At,
        HttpStatusCode Status,
        TimeSpan Elapsed,
        bool RetryAfter,
        string? ContentType,
        string Body
    )
    {
        public static async Task<Answer> OfAsync(HttpClient http, HttpRequestMessage request)
        {
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(
                DateTime.UtcNow,
                response.StatusCode,
                clock.Elapsed,
                response.Headers.RetryAfter is not null,
                response.Content.Headers.ContentType?.MediaType,
                body
            );
        }
    }

    private sealed record Acknowledgement(string Chain, string Id, DateTime At);

    /// <summary>
    /// Clients posting the article's transfers and records, keeping every answer and every acknowledged id.
    /// </summary>
    private sealed class Load(HttpClient http)
    {
        private readonly ConcurrentQueue<Acknowledgement> _acknowledged = new();
        private readonly ConcurrentQueue<Answer> _answers = new();
        private int _unanswered;

        public IReadOnlyCollection<Acknowledgement> Acknowledged => _acknowledged;

        public IReadOnlyCollection<Answer> Answers => _answers;

        public int Unanswered => _unanswered;

        public int AcknowledgedSince(DateTime since) => _acknowledged.Count(a => a.At > since);

        public Task RunAsync(int clients, CancellationToken stop) =>
            Task.WhenAll(Enumerable.Range(0, clients).Select(c => ClientAsync(c, stop)));

        private async Task ClientAsync(int client, CancellationToken stop)
        {
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                var record = (client + i) % 4 == 0;
                using var request = record
                    ? Post(
                        "/information/new",
                        new JsonObject
                        {
                            ["information"] = new JsonObject { ["client"] = client, ["n"] = i },
                        }
                    )
                    : Post(
                        "/transactions/new",
                        new JsonObject
                        {
                            ["sender"] = $"client-{client}",
                            ["amount"] = i,
                            ["recipient"] = "bob",
                        }
                    );
                try
                {
                    var answer = await Answer.OfAsync(http, request);
                    _answers.Enqueue(answer);
                    if (answer.Status == HttpStatusCode.Created)
                    {
                        var id = JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;
                        _acknowledged.Enqueue(new Acknowledgement(record ? "data" : "aka", id, answer.At));
                    }
                    else if (answer.Status == HttpStatusCode.ServiceUnavailable)
                    {
                        // a polite client backs off (shorter than Retry-After, to probe)
                        await Task.Delay(100, CancellationToken.None);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref _unanswered);
                }
            }
        }
    }
}
