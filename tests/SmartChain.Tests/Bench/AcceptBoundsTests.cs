using SmartChain.Bench.Reporting;

namespace SmartChain.Tests.Bench;

/// <summary>What the bench prints when open-mode acceptance misses 60 % of the Azurite batch ceiling.</summary>
public sealed class AcceptBoundsTests
{
    private static Dictionary<string, double> Figures(double rate, double ceiling) =>
        new()
        {
            ["accept.smartchain.manual.per_s"] = rate,
            ["accept.smartchain.manual.node_cpu_us_per_tx"] = 130,
            ["accept.smartchain.manual.azurite_cpu_us_per_tx"] = 100,
            ["accept.smartchain.manual.bench_cpu_us_per_tx"] = 70,
            ["azurite.batch.entities_per_s"] = ceiling,
            ["azurite.batch.azurite_cores"] = 1.05,
        };

    [Fact]
    public void Nothing_is_explained_when_acceptance_reaches_the_share_of_the_ceiling() =>
        Assert.Empty(AcceptBounds.Explain(Figures(6000, 10000), cores: 2));

    [Fact]
    public void The_cores_line_says_what_the_machine_allows_and_what_the_target_needs()
    {
        var lines = AcceptBounds.Explain(Figures(6000, 12500), cores: 2);

        Assert.Contains("node 130 + Azurite 100 + bench 70 = 300 µs", lines[0], StringComparison.Ordinal);
        Assert.Contains("2 cores allow at most 6,667/s (measured 6,000)", lines[0], StringComparison.Ordinal);
        // 60 % of 12,500 is 7,500/s: 2 cores give 266 µs to each.
        Assert.Contains("(7,500/s) needs ≤ 267 µs in all", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_azurite_line_compares_its_cores_at_the_ceiling_with_its_cores_under_acceptance()
    {
        var azurite = AcceptBounds.Explain(Figures(6000, 12500), cores: 2)[1];

        // 100 µs × 6,000/s = 0.60 cores; node and bench (130 + 70) µs × 6,000/s = 1.20.
        Assert.Contains("1.05 cores at its ceiling and 0.60 under acceptance", azurite, StringComparison.Ordinal);
        Assert.Contains("the bench used 1.20 of the 2", azurite, StringComparison.Ordinal);
    }
}
