namespace SmartChain.Bench.Reporting;

/// <summary>
/// What bounds a replica's pull-and-verify where it missed 70 % of the raw ECDSA verify rate: the verifier alone (in
/// the bench process, blocks already in memory) against the whole pull, whose CPU per transaction the replica, the BPSC
/// and Azurite share on the same cores.
/// </summary>
public static class VerifyBounds
{
    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, double> f, int cores)
    {
        var figure = TargetRules.VerifyFigure(f);
        if (
            !f.TryGetValue($"{figure}.tx_per_s", out var rate)
            || !f.TryGetValue("crypto.ecdsa_verify_per_s", out var ecdsa)
            || rate / ecdsa >= TargetRules.VerifyShareOfEcdsa
            || !f.TryGetValue($"{figure}.replica_cpu_us_per_tx", out var replica)
        )
        {
            return [];
        }

        var bpsc = f.GetValueOrDefault($"{figure}.bpsc_cpu_us_per_tx");
        var azurite = f.GetValueOrDefault($"{figure}.azurite_cpu_us_per_tx");
        var lines = new List<string>
        {
            CoresLine.Of(
                [("replica", replica), ("BPSC", bpsc), ("Azurite", azurite)],
                "pulled transaction",
                cores,
                rate,
                $"{TargetRules.VerifyShareOfEcdsa:P0} of raw ECDSA",
                ecdsa * TargetRules.VerifyShareOfEcdsa
            ),
        };
        if (f.TryGetValue($"{figure}_verifier_alone.tx_per_s", out var alone))
        {
            lines.Add(
                $"the verifier alone checks {alone:N0}/s ({alone / ecdsa:P0} of raw ECDSA) on the {cores} cores: "
                    + $"{cores * 1e6 / alone:N0} µs a transaction of the replica's {replica:N0}; the rest is fetching, "
                    + "parsing and storing the blocks"
            );
        }

        return lines;
    }
}
