namespace SmartChain.Bench.Reporting;

/// <summary>
/// What a node's peak was made of where a memory target was missed at 1M, from the <c>MemoryProbe</c> figures: the
/// resident pages by kind at the highest sample, and how much of what the GC had committed it actually held live.
/// </summary>
public static class MemoryBounds
{
    public static IReadOnlyList<string> Explain(IReadOnlyDictionary<string, double> f)
    {
        var lines = new List<string>();
        foreach (var (role, what) in TargetRules.MemoryRoles)
        {
            var sizes = TargetRules.MemorySizes(f, role);
            if (sizes.Count == 0 || sizes[^1] < TargetRules.MemoryTargetTx)
            {
                continue;
            }

            var at = sizes[^1];
            if (TargetRules.MemoryMet(f, role, sizes) || !f.TryGetValue($"memory.{role}.anon_mb.{at}", out var anon))
            {
                continue;
            }

            var peak = f[$"memory.{role}.peak_mb.{at}"];

            var line =
                $"{what}, {at:N0} tx: peak {peak:0} MB; at its most resident sample {anon:0} MB anonymous (GC heap, "
                + $"native), {f[$"memory.{role}.file_mb.{at}"]:0} MB file-backed (the runtime and assemblies, mapped) "
                + $"and {f[$"memory.{role}.shared_mb.{at}"]:0} MB shared (jitted code, mapped twice)";
            if (
                f.TryGetValue($"memory.{role}.gc_committed_mb.{at}", out var committed)
                && f.TryGetValue($"memory.{role}.gc_live_mb.{at}", out var live)
            )
            {
                line +=
                    $"; the GC committed up to {committed:0} MB while its generations held at most {live:0} MB after a "
                    + "collection: the rest is allocation budget and free space it keeps between collections";
            }

            lines.Add(line);
        }

        return lines;
    }
}
