namespace SmartChain.Bench.Reporting;

/// <summary>
/// The first line of every bounds explanation: the CPU one operation costs the processes sharing the machine, against
/// what the cores allow and what the target asks.
/// </summary>
public static class CoresLine
{
    public static string Of(
        IReadOnlyList<(string Process, double Microseconds)> costs,
        string per,
        int cores,
        double measured,
        string target,
        double wanted
    )
    {
        var total = costs.Sum(c => c.Microseconds);
        return $"cores: {string.Join(" + ", costs.Select(c => $"{c.Process} {c.Microseconds:N0}"))} = {total:N0} µs of "
            + $"CPU per {per}; {cores} cores allow at most {cores * 1e6 / total:N0}/s (measured {measured:N0}); "
            + $"{target} ({wanted:N0}/s) needs ≤ {cores * 1e6 / wanted:N0} µs in all";
    }
}
