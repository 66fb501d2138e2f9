namespace SmartChain.Bench.Reporting;

/// <summary>
/// What bounds issue 15's ledger targets where this run missed them, from the run's own figures: the cores the node,
/// Azurite and the bench share; where the node's CPU per transfer went (the ledger scenario's sampled profile); and
/// Azurite's CPU per transfer as its cost per request and per entity (from the Azurite ceiling runs) times what a
/// transfer asks of it. Printed under the targets (docs/benchmarks.md explains how to read it).
/// </summary>
public static class LedgerBounds
{
    /// <summary>The buckets a transfer pays once per HTTP request, whatever the group commit shares.</summary>
    private static readonly string[] PerRequest =
    [
        CpuBreakdown.Verify,
        CpuBreakdown.HttpServerSockets,
        CpuBreakdown.HttpServer,
    ];

    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, double> f, int cores)
    {
        if (!f.TryGetValue("ledger.per_s", out var rate) || !Missed(f, rate))
        {
            return [];
        }

        var lines = new List<string>();
        var node = f.GetValueOrDefault("ledger.node_cpu_us_per_tx");
        var azurite = f.GetValueOrDefault("ledger.azurite_cpu_us_per_tx");
        var bench = f.GetValueOrDefault("ledger.bench_cpu_us_per_tx");
        lines.Add(
            CoresLine.Of(
                [("node", node), ("Azurite", azurite), ("bench", bench)],
                "transfer",
                cores,
                rate,
                "the target",
                TargetRules.LedgerPerSecond
            )
        );

        var profile = f.Where(p => p.Key.StartsWith("ledger.profile.", StringComparison.Ordinal))
            .OrderByDescending(p => p.Value)
            .Select(p => (Bucket: p.Key["ledger.profile.".Length..], Microseconds: p.Value * node))
            .ToList();
        if (profile.Count > 0)
        {
            var floor = profile.Where(p => PerRequest.Contains(p.Bucket)).Sum(p => p.Microseconds);
            lines.Add(
                $"node {node:N0} µs per transfer, by the sampled profile: "
                    + string.Join(
                        ", ",
                        profile.Where(p => p.Microseconds >= 1).Select(p => $"{p.Bucket} {p.Microseconds:N0}")
                    )
                    + $"; paid once per request whatever a group shares (verify, HTTP server): {floor:N0} µs"
            );
        }
        else
        {
            lines.Add("node: no profile in this run (--no-profile)");
        }

        lines.Add(AzuriteModel(f, azurite));
        return lines;
    }

    private static bool Missed(IReadOnlyDictionary<string, double> f, double rate) =>
        rate < TargetRules.LedgerPerSecond
        || f.GetValueOrDefault("ledger.node_cpu_us_per_tx") > TargetRules.LedgerNodeMicroseconds
        || f.GetValueOrDefault("ledger.azurite_cpu_us_per_tx") > TargetRules.LedgerAzuriteMicroseconds;

    /// <summary>
    /// Azurite's cost split into a part per request and a part per entity, from single inserts (one request, one
    /// entity) and 100-entity batches (one request, a hundred), applied to a ledger transfer's requests and entities.
    /// </summary>
    private static string AzuriteModel(IReadOnlyDictionary<string, double> f, double azurite)
    {
        if (
            !f.TryGetValue("azurite.single.cpu_us_per_request", out var single)
            || !f.TryGetValue("azurite.batch.cpu_us_per_request", out var batch)
            || !f.TryGetValue("ledger.storage_requests_per_tx", out var requests)
            || !f.TryGetValue("ledger.entities_written_per_tx", out var written)
        )
        {
            return $"Azurite {azurite:N0} µs per transfer (no model: it needs the azurite and ledger scenarios)";
        }

        var read = f.GetValueOrDefault("ledger.entities_read_per_tx");
        var perEntity = (batch - single) / 99;
        var perRequest = single - perEntity;
        var model = requests * perRequest + (written + read) * perEntity;
        return $"Azurite {azurite:N0} µs per transfer; it costs {perRequest:N0} µs a request and {perEntity:N0} µs an "
            + $"entity (single inserts {single:N0} µs, 100-entity batches {batch:N0} µs), and a transfer asks "
            + $"{requests:0.00} requests and {written + read:0.00} entities ({written:0.00} written, {read:0.00} "
            + $"read): {model:N0} µs by that model, which prices every entity as an insert into a small table; the "
            + $"ledger's rows are ETag-checked replaces in a growing one ({azurite - model:N0} µs beyond the model)";
    }
}
