using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Load;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Receipt lookups (issue 15, target 2): one block of 10,000 open transfers on a manual node, then 16 concurrent
/// clients <c>GET /chains/aka/transactions/{id}</c> of random entries of it, each answer with its inclusion proof.
/// </summary>
public sealed class ReceiptScenario : IBenchScenario
{
    private const string Name = "receipts";
    private const int Clients = 16;

    public string Key => Name;

    public string Title => "Receipt lookup: GET /chains/{chain}/transactions/{id} in one large block";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = context.Options.Quick ? 1_000 : 10_000;
        var prefix = BenchContext.UniquePrefix("br");
        var env = new Dictionary<string, string> { ["SMARTCHAIN_MANUAL"] = "true" };
        using var node = await context.StartNodeAsync(prefix, env: env, cancellationToken: cancellationToken);
        try
        {
            var ids = await FillAsync(node, size, cancellationToken);
            using var forge = new HttpRequestMessage(HttpMethod.Post, "chains/aka/forge");
            forge.Headers.Add("x-functions-key", NodeProcess.AdminKey);
            using var forged = await node.Http.SendAsync(forge, cancellationToken);
            using var block = JsonDocument.Parse(await forged.Content.ReadAsStringAsync(cancellationToken));
            var txCount = block.RootElement.GetProperty("tx_count").GetInt32();
            if (txCount != size)
            {
                throw new InvalidOperationException($"the forged block holds {txCount} entries, not {size}");
            }

            var before = await MetricsSnapshot.ReadAsync(node.Http, cancellationToken);
            using var http = BenchHttp.Create(node.Url, TimeSpan.FromSeconds(30));
            var cpu = CpuMeter.Of(("node", node.Process.Id), ("azurite", context.Azurite.Process.Id));
            var result = await LoadRunner.RunAsync(
                Clients,
                context.Options.Warmup,
                context.Options.AcceptDuration,
                async (client, iteration, ct) =>
                {
                    var id = ids[Random.Shared.Next(ids.Length)];
                    using var response = await http.GetAsync($"chains/aka/transactions/{id}", ct);
                    var body = await response.Content.ReadAsStringAsync(ct);
                    return
                        response.StatusCode == HttpStatusCode.OK
                        && body.Contains("\"audit_path\"", StringComparison.Ordinal)
                        ? null
                        : $"{(int)response.StatusCode}: {body}";
                },
                cpu.Start,
                () => cpu.Stop(),
                cancellationToken
            );
            var used = cpu.Last!;
            var requests = (await MetricsSnapshot.ReadAsync(node.Http, cancellationToken)).StorageRequestsSince(before);
            var lookups = result.Ok + result.Errors;
            var perLookup = lookups == 0 ? 0 : requests.Values.Sum() / lookups;
            context.Report.Figure("receipts.p99_ms", result.P99Ms);
            context.Report.Figure("receipts.per_s", result.Rate);
            context.Report.Add(
                Name,
                $"{Clients} clients, block of {size:N0}",
                $"p99 {result.P99Ms:0.0} ms",
                $"{result.Rate:N0} lookups/s, p50 {result.P50Ms:0.0} ms, {result.Errors} "
                    + $"errors{(result.FirstError is null ? "" : $" (first: {result.FirstError})")}; CPU per lookup: "
                    + $"node {used.MicrosecondsPerOperation("node", result.Seconds, result.Ok):N0} µs, azurite "
                    + $"{used.MicrosecondsPerOperation("azurite", result.Seconds, result.Ok):N0} µs; "
                    + $"{perLookup:0.0} storage requests per lookup (warm-up included: "
                    + string.Join(
                        ", ",
                        requests.Where(r => r.Value > 0).Select(r => $"{r.Key} {r.Value / lookups:0.00}")
                    )
                    + ")"
            );
            var json = result.ToJson();
            json["block_size"] = size;
            json["storage_requests_per_lookup"] = Math.Round(perLookup, 2);
            context.Report.Detail(Name, "lookups", json);
        }
        finally
        {
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    /// <summary>
    /// Accepts <paramref name="size"/> open transfers through the article's route, 32 at a time; their ids.
    /// </summary>
    private static async Task<string[]> FillAsync(NodeProcess node, int size, CancellationToken cancellationToken)
    {
        var ids = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, size),
            new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var body = $$"""{"sender":"s{{i % 97}}","recipient":"bob","amount":{{i + 1}}}""";
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await node.Http.PostAsync("transactions/new", content, ct);
                using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
                ids.Add(answer.RootElement.GetProperty("id").GetString()!);
            }
        );
        return [.. ids];
    }
}
