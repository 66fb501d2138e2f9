using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Load;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenario 1: the article's <c>POST /transactions/new</c> (open mode) under 32 concurrent clients — SmartChain's
/// node (manual policy, so forging does not compete; and/or the default policy, 10 s or 100 tx) against the
/// article's Flask node in the same run. SmartChain answers only once the transfer is durable in storage;
/// the article's node appends to a Python list.
/// </summary>
public sealed class AcceptScenario : IBenchScenario
{
    private const string Name = "accept";

    public string Key => Name;

    public string Title => "Accept: POST /transactions/new (open mode), closed loop";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        foreach (var policy in options.AcceptPolicies)
        {
            var prefix = BenchContext.UniquePrefix("ba");
            var env = policy switch
            {
                "manual" => new Dictionary<string, string> { ["SMARTCHAIN_MANUAL"] = "true" },
                "default" => new Dictionary<string, string>(),
                _ => throw new ArgumentException($"--accept-policy takes manual or default, not '{policy}'"),
            };
            using (var node = await context.StartNodeAsync(prefix, env: env, cancellationToken: cancellationToken))
            {
                var cpu = CpuMeter.Of(
                    ("node", node.Process.Id),
                    ("azurite", context.Azurite.Process.Id),
                    ("bench", Environment.ProcessId)
                );
                var result = await LoadAsync(node.Url, options, cpu, cancellationToken);
                var used = cpu.Last!;
                var height = await HeightAsync(node, cancellationToken);
                var what =
                    policy == "manual"
                        ? "SMARTCHAIN_MANUAL=true, no forging"
                        : $"default policy (10 s or 100 tx): {height - 1} blocks forged during the run";
                var nodeCpu = used.MicrosecondsPerOperation("node", result.Seconds, result.Ok);
                var azuriteCpu = used.MicrosecondsPerOperation("azurite", result.Seconds, result.Ok);
                var benchCpu = used.MicrosecondsPerOperation("bench", result.Seconds, result.Ok);
                context.Report.Add(
                    Name,
                    $"SmartChain ({policy})",
                    $"{result.Rate:N0} tx/s",
                    $"p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} errors; {what}; {used}; "
                        + $"CPU per tx: node {nodeCpu:N0} µs, azurite {azuriteCpu:N0} µs"
                );
                context.Report.Figure($"accept.smartchain.{policy}.node_cpu_us_per_tx", nodeCpu);
                context.Report.Figure($"accept.smartchain.{policy}.azurite_cpu_us_per_tx", azuriteCpu);
                context.Report.Figure($"accept.smartchain.{policy}.bench_cpu_us_per_tx", benchCpu);
                context.Report.Figure($"accept.smartchain.{policy}.per_s", result.Rate);
                var json = result.ToJson();
                json["cpu"] = used.ToJson();
                json["policy"] = policy;
                json["node_cpu_us_per_tx"] = Math.Round(nodeCpu, 1);
                json["azurite_cpu_us_per_tx"] = Math.Round(azuriteCpu, 1);
                json["blocks_forged"] = height - 1;
                json["node_peak_rss_mb"] = Math.Round(node.Process.Stats()?.PeakRssMb ?? 0, 1);
                context.Report.Detail(Name, $"smartchain_{policy}", json);
            }

            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }

        var unavailable = options.SkipArticleNode
            ? "skipped (--no-article-node)"
            : await ArticleNode.UnavailableBecauseAsync(context.Repo, cancellationToken);
        if (unavailable is not null)
        {
            context.Report.Add(Name, "article node (Flask)", "not run", unavailable);
            context.Report.Detail(Name, "article", new System.Text.Json.Nodes.JsonObject { ["skipped"] = unavailable });
            return;
        }

        using (var article = await ArticleNode.StartAsync(context.Repo, cancellationToken))
        {
            var cpu = CpuMeter.Of(("python", article.Process.Id), ("bench", Environment.ProcessId));
            var result = await LoadAsync(article.Url, options, cpu, cancellationToken);
            var used = cpu.Last!;
            var pythonCpu = used.MicrosecondsPerOperation("python", result.Seconds, result.Ok);
            context.Report.Add(
                Name,
                "article node (Flask, bpsc102.py)",
                $"{result.Rate:N0} tx/s",
                $"p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms, {result.Errors} errors; in memory only; "
                    + $"{used}; CPU per tx: python {pythonCpu:N0} µs"
            );
            context.Report.Figure("accept.article.python_cpu_us_per_tx", pythonCpu);
            context.Report.Figure("accept.article.per_s", result.Rate);
            var json = result.ToJson();
            json["cpu"] = used.ToJson();
            json["python_cpu_us_per_tx"] = Math.Round(pythonCpu, 1);
            context.Report.Detail(Name, "article", json);
        }

        foreach (var policy in options.AcceptPolicies)
        {
            if (
                context.Report.Figures.TryGetValue($"accept.smartchain.{policy}.per_s", out var ours)
                && context.Report.Figures["accept.article.per_s"] is var theirs and > 0
            )
            {
                context.Report.Add(Name, $"ratio SmartChain ({policy}) ÷ article", $"{ours / theirs:0.00}×");
                context.Report.Figure($"accept.ratio.{policy}", ours / theirs);
            }
        }
    }

    /// <summary>The same load against either node: each client posts the article's body and counts a 201.</summary>
    private static async Task<LoadResult> LoadAsync(
        Uri url,
        BenchOptions options,
        CpuMeter cpu,
        CancellationToken cancellationToken
    )
    {
        using var http = BenchHttp.Create(url, TimeSpan.FromSeconds(30));
        var bodies = Enumerable
            .Range(0, options.Clients)
            .Select(w =>
                Encoding.UTF8.GetBytes(
                    JsonSerializer.Serialize(
                        new
                        {
                            sender = $"wallet-{w}",
                            amount = 5,
                            recipient = "bob",
                        }
                    )
                )
            )
            .ToArray();
        var json = new MediaTypeHeaderValue("application/json");
        return await LoadRunner.RunAsync(
            options.Clients,
            options.Warmup,
            options.AcceptDuration,
            async (worker, _, ct) =>
            {
                using var content = new ByteArrayContent(bodies[worker]);
                content.Headers.ContentType = json;
                using var response = await http.PostAsync("transactions/new", content, ct);
                return response.StatusCode == HttpStatusCode.Created
                    ? null
                    : $"{(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync(ct))}";
            },
            cpu.Start,
            () => cpu.Stop(),
            cancellationToken
        );
    }

    private static async Task<long> HeightAsync(NodeProcess node, CancellationToken cancellationToken)
    {
        using var info = JsonDocument.Parse(await node.Http.GetStringAsync("chains/aka", cancellationToken));
        return info.RootElement.GetProperty("height").GetInt64();
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
