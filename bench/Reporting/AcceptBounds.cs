namespace SmartChain.Bench.Reporting;

/// <summary>
/// What bounds open-mode acceptance where it missed 60 % of the Azurite batch ceiling, from the run's own figures: the
/// ceiling is Azurite alone with the bench, while acceptance shares the same cores with the node, so the CPU every
/// accepted transfer costs the three processes together says how far the cores let it go.
/// </summary>
public static class AcceptBounds
{
    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, double> f, int cores)
    {
        var policy = TargetRules.AcceptPolicy(f);
        if (
            !f.TryGetValue($"accept.smartchain.{policy}.per_s", out var rate)
            || !f.TryGetValue("azurite.batch.entities_per_s", out var ceiling)
            || rate / ceiling >= TargetRules.AcceptShareOfCeiling
            || !f.TryGetValue($"accept.smartchain.{policy}.azurite_cpu_us_per_tx", out var azurite)
        )
        {
            return [];
        }

        var node = f.GetValueOrDefault($"accept.smartchain.{policy}.node_cpu_us_per_tx");
        var bench = f.GetValueOrDefault($"accept.smartchain.{policy}.bench_cpu_us_per_tx");
        var lines = new List<string>
        {
            CoresLine.Of(
                [("node", node), ("Azurite", azurite), ("bench", bench)],
                "accepted transfer",
                cores,
                rate,
                $"{TargetRules.AcceptShareOfCeiling:P0} of the ceiling",
                ceiling * TargetRules.AcceptShareOfCeiling
            ),
        };
        if (f.TryGetValue("azurite.batch.azurite_cores", out var ceilingCores))
        {
            lines.Add(
                $"Azurite (one Node.js thread) used {ceilingCores:0.00} cores at its ceiling and "
                    + $"{azurite * rate / 1e6:0.00} under acceptance, where the node and the bench used "
                    + $"{(node + bench) * rate / 1e6:0.00} of the {cores}"
            );
        }

        return lines;
    }
}
