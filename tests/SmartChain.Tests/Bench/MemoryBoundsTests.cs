using SmartChain.Bench.Reporting;

namespace SmartChain.Tests.Bench;

/// <summary>What the bench prints when a node's memory misses its target at 1M.</summary>
public sealed class MemoryBoundsTests
{
    private static Dictionary<string, double> Figures(double peakAt1M) =>
        new()
        {
            ["memory.replica.peak_mb.10000"] = 140,
            ["memory.replica.peak_mb.1000000"] = peakAt1M,
            ["memory.replica.anon_mb.1000000"] = 110,
            ["memory.replica.file_mb.1000000"] = 70,
            ["memory.replica.shared_mb.1000000"] = 21,
            ["memory.replica.gc_committed_mb.1000000"] = 95,
            ["memory.replica.gc_live_mb.1000000"] = 60,
        };

    [Fact]
    public void Nothing_is_explained_when_the_peak_is_under_the_target_and_flat() =>
        Assert.Empty(MemoryBounds.Explain(Figures(195)));

    [Fact]
    public void A_missed_peak_is_split_into_its_kinds_of_pages_and_the_gc_view()
    {
        var line = Assert.Single(MemoryBounds.Explain(Figures(202)));

        Assert.StartsWith("replica syncing, 1,000,000 tx: peak 202 MB;", line, StringComparison.Ordinal);
        Assert.Contains("110 MB anonymous", line, StringComparison.Ordinal);
        Assert.Contains("70 MB file-backed", line, StringComparison.Ordinal);
        Assert.Contains("21 MB shared", line, StringComparison.Ordinal);
        Assert.Contains(
            "committed up to 95 MB while its generations held at most 60 MB",
            line,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Growth_past_the_flatness_limit_is_explained_even_under_200_MB()
    {
        var figures = Figures(190);
        figures["memory.replica.peak_mb.10000"] = 100; // 1.9× growth

        Assert.Single(MemoryBounds.Explain(figures));
    }
}
