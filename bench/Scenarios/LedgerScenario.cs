using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Load;
using SmartChain.Bench.Reporting;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenario 2: signed ledger transfers (SPEC §5–6) from 1,000 wallets funded by the genesis allocation, through
/// <c>POST /chains/{chain}/transactions</c> under 32 concurrent clients. Each wallet belongs to one client, so
/// its nonces go up in order; a nonce is consumed only by a 202, so a failed request is sent again as is.
/// Requests are signed before the measured window (the client's signing is not what is measured).
/// </summary>
public sealed class LedgerScenario : IBenchScenario
{
    private const string Name = "ledger";
    private const string Chain = "bench-ledger";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public string Key => Name;

    public string Title => "Ledger accept: signed transfers (POST /chains/{chain}/transactions)";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var prefix = BenchContext.UniquePrefix("bl");
        var env = new Dictionary<string, string>
        {
            ["SMARTCHAIN_MANUAL"] = "true",
            ["SMARTCHAIN_MAX_BODY_BYTES"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var node = await context.StartNodeAsync(prefix, env: env, cancellationToken: cancellationToken);
        try
        {
            var wallets = Enumerable.Range(0, options.LedgerWallets).Select(_ => SigningKey.Generate()).ToArray();
            using var issuer = SigningKey.Generate();
            var addresses = wallets.Select(w => Address.Of(w.PublicKey).Value).ToArray();
            var (funding, notAvailable) = await FundAsync(node, issuer, wallets, addresses, cancellationToken);
            if (notAvailable is not null)
            {
                context.Report.Add(
                    Name,
                    $"{options.LedgerWallets:N0} wallets, {options.Clients} clients",
                    "not available in this build",
                    notAvailable
                );
                context.Report.Detail(Name, "not_available", notAvailable);
                return;
            }

            Console.WriteLine($"   funding: {funding}");
            var perWallet = options.Quick ? 10 : 40;
            var signed = Presign(wallets, addresses, perWallet);
            var nextNonce = new int[wallets.Length];
            var accepted = new long[wallets.Length];
            var owned = Enumerable
                .Range(0, options.Clients)
                .Select(c => Enumerable.Range(0, wallets.Length).Where(w => w % options.Clients == c).ToArray())
                .ToArray();
            using var http = BenchHttp.Create(node.Url, TimeSpan.FromSeconds(30));
            var cpu = CpuMeter.Of(
                ("node", node.Process.Id),
                ("azurite", context.Azurite.Process.Id),
                ("bench", Environment.ProcessId)
            );
            // Storage requests are counted over the measured window only: the warm-up reads every wallet's account
            // once, which a steady state never does again.
            MetricsSnapshot? metricsBefore = null;
            MetricsSnapshot? metricsAfter = null;

            async Task<string?> SendAsync(int client, long iteration, CancellationToken ct)
            {
                var mine = owned[client];
                if (mine.Length == 0)
                {
                    await Task.Delay(100, ct);
                    return "no wallet for this client";
                }

                var wallet = mine[iteration % mine.Length];
                var nonce = nextNonce[wallet];
                var body =
                    nonce < perWallet
                        ? signed[wallet][nonce]
                        : Sign(
                            wallets[wallet],
                            addresses[wallet],
                            addresses[(wallet + 1) % addresses.Length],
                            nonce,
                            "1"
                        );
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await http.PostAsync($"chains/{Chain}/transactions", content, ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    return $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}";
                }

                nextNonce[wallet]++;
                accepted[wallet]++;
                return null;
            }

            var result = await LoadRunner.RunAsync(
                options.Clients,
                options.Warmup,
                options.AcceptDuration,
                SendAsync,
                () =>
                {
                    cpu.Start();
                    metricsBefore = MetricsSnapshot.ReadAsync(node.Http, cancellationToken).GetAwaiter().GetResult();
                },
                () =>
                {
                    cpu.Stop();
                    metricsAfter = MetricsSnapshot.ReadAsync(node.Http, cancellationToken).GetAwaiter().GetResult();
                },
                cancellationToken
            );
            var used = cpu.Last!;
            var requests = metricsAfter!.StorageRequestsSince(metricsBefore!);
            var storage = StoragePerTransfer(requests, result.Ok);
            Console.WriteLine($"   storage requests per acknowledged transfer: {storage}");
            var entities = EntitiesPerTransfer(metricsAfter, metricsBefore!, requests);
            if (entities is { } written)
            {
                Console.WriteLine(
                    $"   entities per acknowledged transfer: {written.Written:0.00} written ({written.Group:0.0} "
                        + $"transfers a group: an account row and an id row each, one pending row a group), "
                        + $"{written.Read:0.00} read"
                );
                context.Report.Figure("ledger.storage_requests_per_tx", requests.Values.Sum() / result.Ok);
                context.Report.Figure("ledger.entities_written_per_tx", written.Written);
                context.Report.Figure("ledger.entities_read_per_tx", written.Read);
            }

            var check = await AccountCheckAsync(node, addresses[0], accepted[0], cancellationToken);
            context.Report.Add(
                Name,
                $"{options.LedgerWallets:N0} wallets, {options.Clients} clients",
                $"{result.Rate:N0} tx/s",
                $"p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} "
                    + $"errors{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}; {check}; {used}; "
                    + $"CPU per tx: node {used.MicrosecondsPerOperation("node", result.Seconds, result.Ok):N0} µs, "
                    + $"azurite {used.MicrosecondsPerOperation("azurite", result.Seconds, result.Ok):N0} µs"
            );
            context.Report.Figure(
                "ledger.node_cpu_us_per_tx",
                used.MicrosecondsPerOperation("node", result.Seconds, result.Ok)
            );
            context.Report.Figure(
                "ledger.azurite_cpu_us_per_tx",
                used.MicrosecondsPerOperation("azurite", result.Seconds, result.Ok)
            );
            context.Report.Figure(
                "ledger.bench_cpu_us_per_tx",
                used.MicrosecondsPerOperation("bench", result.Seconds, result.Ok)
            );
            context.Report.Add(
                Name,
                "funding of the wallets",
                funding.StartsWith("genesis", StringComparison.Ordinal) ? "genesis" : "via treasuries",
                funding
            );
            context.Report.Figure("ledger.per_s", result.Rate);
            if (options.ProfileSeconds > 0)
            {
                var nodeMicroseconds = used.MicrosecondsPerOperation("node", result.Seconds, result.Ok);
                await ProfileAsync(context, node, nodeMicroseconds, SendAsync, cancellationToken);
            }

            var json = result.ToJson();
            json["cpu"] = used.ToJson();
            json["wallets"] = options.LedgerWallets;
            json["account_check"] = check;
            json["funding"] = funding;
            json["storage_requests_per_transfer"] = storage;
            context.Report.Detail(Name, "signed_transfers", json);
            if (context.Report.Figures.TryGetValue("accept.smartchain.manual.per_s", out var open) && open > 0)
            {
                context.Report.Add(Name, "ratio ledger ÷ open accept (manual)", $"{result.Rate / open:0.00}×");
            }

            foreach (var wallet in wallets)
            {
                wallet.Dispose();
            }
        }
        finally
        {
            node.Dispose();
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    /// <summary>
    /// Creates the ledger chain with every wallet funded: by the genesis allocation itself when the node takes
    /// one that large, else (answering why) through a few treasury wallets funded at genesis, which pay every
    /// wallet with signed transfers, then one forged block. Answers how, or why ledger mode is not available.
    /// </summary>
    private static async Task<(string Funding, string? NotAvailable)> FundAsync(
        NodeProcess node,
        SigningKey issuer,
        SigningKey[] wallets,
        string[] addresses,
        CancellationToken cancellationToken
    )
    {
        var (status, answer) = await CreateChainAsync(node, issuer, addresses, "1000000", cancellationToken);
        if (status is >= 200 and < 300)
        {
            return ($"genesis allocation to all {addresses.Length:N0} wallets", null);
        }

        if (status is >= 400 and < 500 && answer.Contains("not available", StringComparison.OrdinalIgnoreCase))
        {
            return ("", $"POST /chains answered {status}: {Detail(answer)}");
        }

        var refusal = $"POST /chains with a {addresses.Length:N0}-entry genesis answered {status}{ProblemCause(node)}";
        Console.WriteLine($"   {refusal}: {Detail(answer)}; funding through treasuries instead");
        const int Treasuries = 10;
        var treasuries = Enumerable.Range(0, Treasuries).Select(_ => SigningKey.Generate()).ToArray();
        var treasuryAddresses = treasuries.Select(t => Address.Of(t.PublicKey).Value).ToArray();
        (status, answer) = await CreateChainAsync(node, issuer, treasuryAddresses, "2000000000", cancellationToken);
        if (status is < 200 or >= 300)
        {
            throw new InvalidOperationException(
                $"creating the ledger chain with {Treasuries} treasuries failed: {status} {answer}\nnode "
                    + $"output:\n{node.Process.Tail()}"
            );
        }

        // Each treasury pays its share of wallets in nonce order; the treasuries run side by side.
        await Task.WhenAll(
            Enumerable
                .Range(0, Treasuries)
                .Select(t =>
                    Task.Run(
                        async () =>
                        {
                            var nonce = 0;
                            for (var w = t; w < wallets.Length; w += Treasuries)
                            {
                                using var content = new ByteArrayContent(
                                    Sign(treasuries[t], treasuryAddresses[t], addresses[w], nonce++, "1000000")
                                );
                                content.Headers.ContentType = Json;
                                using var response = await node.Http.PostAsync(
                                    $"chains/{Chain}/transactions",
                                    content,
                                    cancellationToken
                                );
                                if (response.StatusCode != HttpStatusCode.Accepted)
                                {
                                    throw new InvalidOperationException(
                                        $"funding wallet {w} failed: {(int)response.StatusCode} "
                                            + $"{await response.Content.ReadAsStringAsync(cancellationToken)}"
                                    );
                                }
                            }
                        },
                        cancellationToken
                    )
                )
        );
        using var forge = new HttpRequestMessage(HttpMethod.Post, $"chains/{Chain}/forge");
        forge.Headers.Add("x-functions-key", NodeProcess.AdminKey);
        using var forged = await node.Http.SendAsync(forge, cancellationToken);
        if (!forged.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"forging the funding block failed: {(int)forged.StatusCode} "
                    + $"{await forged.Content.ReadAsStringAsync(cancellationToken)}"
            );
        }

        foreach (var treasury in treasuries)
        {
            treasury.Dispose();
        }

        return (
            $"{Treasuries} treasuries funded at genesis paid every wallet, then one forged block, because {refusal}",
            null
        );
    }

    private static async Task<(int Status, string Answer)> CreateChainAsync(
        NodeProcess node,
        SigningKey issuer,
        string[] funded,
        string amount,
        CancellationToken cancellationToken
    )
    {
        var body = new JsonObject
        {
            ["id"] = Chain,
            ["kind"] = "token",
            ["mode"] = "ledger",
            ["decimals"] = 8,
            ["fee_rate"] = "0.00005",
            ["fee_policy"] = "accumulate",
            ["issuer_public_key"] = issuer.PublicKey.Base64Url,
            ["genesis"] = new JsonArray(
                funded.Select(a => (JsonNode)new JsonObject { ["address"] = a, ["amount"] = amount }).ToArray()
            ),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "chains")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-functions-key", NodeProcess.AdminKey);
        using var response = await node.Http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>
    /// Runs the same load again for <see cref="BenchOptions.ProfileSeconds"/> under a sampled profile of the node and
    /// reports where its CPU per transfer went: each bucket's share of the busy samples times the CPU per transfer the
    /// measured window used (the profiler's own cost is in neither).
    /// </summary>
    private static async Task ProfileAsync(
        BenchContext context,
        NodeProcess node,
        double nodeMicroseconds,
        Func<int, long, CancellationToken, Task<string?>> send,
        CancellationToken cancellationToken
    )
    {
        CpuBreakdown breakdown;
        try
        {
            await using var profiler = NodeProfiler.Start(node.Process.Id);
            await LoadRunner.RunAsync(
                context.Options.Clients,
                TimeSpan.Zero,
                TimeSpan.FromSeconds(context.Options.ProfileSeconds),
                send,
                cancellationToken: cancellationToken
            );
            breakdown = await profiler.StopAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The profile explains the figures; it is not one of them. A node started with DOTNET_EnableDiagnostics=0
            // has no diagnostics port, for one: say so and keep the scenario's results.
            Console.WriteLine($"   no CPU profile of the node: {e.GetType().Name}: {e.Message}");
            context.Report.Detail(Name, "node_cpu_profile", $"not taken: {e.Message}");
            return;
        }

        var shares = breakdown.Shares();
        Console.WriteLine(
            $"   where the node's CPU per transfer went ({breakdown.Busy:N0} busy samples of "
                + $"{context.Options.ProfileSeconds} s, {nodeMicroseconds:N0} µs in all):"
        );
        var json = new JsonObject
        {
            ["busy_samples"] = breakdown.Busy,
            ["idle_samples"] = breakdown.Idle,
            ["node_cpu_us_per_tx"] = nodeMicroseconds,
        };
        foreach (var (bucket, share) in shares)
        {
            Console.WriteLine($"     {share, 6:P1}  {share * nodeMicroseconds, 5:N0} µs  {bucket}");
            context.Report.Figure($"ledger.profile.{bucket}", share);
            json[bucket] = share;
        }

        context.Report.Detail(Name, "node_cpu_profile", json);
    }

    /// <summary>
    /// Entities written and read per transfer accepted through group commit: a group of n transfers writes n account
    /// rows, n id rows and one pending row (<c>AccountStore.AcceptAsync</c>); every GET reads one. Null when no group
    /// was committed.
    /// </summary>
    private static (double Written, double Read, double Group)? EntitiesPerTransfer(
        MetricsSnapshot after,
        MetricsSnapshot before,
        IReadOnlyDictionary<string, double> requests
    )
    {
        var transfers = after.Since(before, "smartchain_group_commit_size_sum", "smartchain_commit_kind", "ledger");
        var groups = after.Since(before, "smartchain_group_commit_size_count", "smartchain_commit_kind", "ledger");
        if (transfers <= 0 || groups <= 0)
        {
            return null;
        }

        var reads = requests.Where(r => r.Key.EndsWith(" GET", StringComparison.Ordinal)).Sum(r => r.Value);
        return ((2 * transfers + groups) / transfers, reads / transfers, transfers / groups);
    }

    /// <summary>Storage requests per acknowledged transfer, by table and method, largest first.</summary>
    private static string StoragePerTransfer(IReadOnlyDictionary<string, double> requests, long transfers) =>
        transfers == 0
            ? "no transfer"
            : string.Join(
                ", ",
                requests
                    .Where(r => r.Value > 0)
                    .OrderByDescending(r => r.Value)
                    .Select(r => $"{r.Key} {r.Value / transfers:0.00}")
            ) + $" (total {requests.Values.Sum() / transfers:0.00})";

    /// <summary>The storage error code behind a 5xx, from the node's log, so the report says what broke.</summary>
    private static string ProblemCause(NodeProcess node)
    {
        var line = node
            .Process.Tail()
            .Split('\n')
            .FirstOrDefault(l => l.Contains("ErrorCode: ", StringComparison.Ordinal));
        return line is null ? "" : $" (storage {line.Trim()})";
    }

    private static byte[][][] Presign(SigningKey[] wallets, string[] addresses, int perWallet)
    {
        var signed = new byte[wallets.Length][][];
        Parallel.For(
            0,
            wallets.Length,
            w =>
            {
                signed[w] = Enumerable
                    .Range(0, perWallet)
                    .Select(nonce => Sign(wallets[w], addresses[w], addresses[(w + 1) % addresses.Length], nonce, "1"))
                    .ToArray();
            }
        );
        return signed;
    }

    /// <summary>
    /// A transfer request exactly as SPEC §6 has it: P1363 ECDSA-SHA256 over the RFC 8785 bytes of the payload.
    /// </summary>
    private static byte[] Sign(SigningKey key, string sender, string recipient, long nonce, string amount)
    {
        var payload = new JsonObject
        {
            ["chain"] = Chain,
            ["sender"] = sender,
            ["recipient"] = recipient,
            ["amount"] = amount,
            ["nonce"] = nonce,
        };
        var signature = key.Sign(CanonicalJson.ToBytes(payload));
        return Encoding.UTF8.GetBytes(
            new JsonObject
            {
                ["payload"] = payload,
                ["public_key"] = key.PublicKey.Base64Url,
                ["signature"] = Base64Url.Encode(signature),
            }.ToJsonString()
        );
    }

    /// <summary>Whether the node's account view agrees with what the bench saw acknowledged for one wallet.</summary>
    private static async Task<string> AccountCheckAsync(
        NodeProcess node,
        string address,
        long accepted,
        CancellationToken cancellationToken
    )
    {
        using var response = await node.Http.GetAsync($"chains/{Chain}/accounts/{address}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"account check: {(int)response.StatusCode}";
        }

        using var json = JsonDocument.Parse(text);
        var nonce = json.RootElement.TryGetProperty("next_nonce", out var n) ? n.ToString() : "?";
        return $"wallet 0: next_nonce {nonce}, {accepted} acknowledged";
    }

    private static string Detail(string problem)
    {
        try
        {
            using var json = JsonDocument.Parse(problem);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.ToString()
                : json.RootElement.TryGetProperty("title", out var title) ? title.ToString()
                : problem;
        }
        catch (JsonException)
        {
            return problem;
        }
    }
}
