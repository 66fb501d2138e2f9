namespace SmartChain.Bench.Reporting;

/// <summary>
/// Everything the bench can say about what bounds the targets this run missed, grouped by target: printed under the
/// targets table and kept in the results JSON (docs/benchmarks.md explains how to read each).
/// </summary>
public static class MissedTargetBounds
{
    public static IReadOnlyList<(string Targets, IReadOnlyList<string> Lines)> Explain(
        IReadOnlyDictionary<string, double> f,
        int cores
    ) =>
        new (string, IReadOnlyList<string>)[]
        {
            ("ledger", LedgerBounds.Explain(f, cores)),
            ("accept vs the Azurite batch ceiling", AcceptBounds.Explain(f, cores)),
            ("verify vs raw ECDSA", VerifyBounds.Explain(f, cores)),
            ("memory", MemoryBounds.Explain(f)),
        }
            .Where(group => group.Item2.Count > 0)
            .ToList();
}
