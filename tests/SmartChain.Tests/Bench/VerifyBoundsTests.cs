using SmartChain.Bench.Reporting;

namespace SmartChain.Tests.Bench;

/// <summary>What the bench prints when a replica's pull and verify misses 70 % of raw ECDSA.</summary>
public sealed class VerifyBoundsTests
{
    private static Dictionary<string, double> Figures(double rate) =>
        new()
        {
            ["crypto.ecdsa_verify_per_s"] = 40_000,
            ["verify.ledger.tx_per_s"] = rate,
            ["verify.ledger.replica_cpu_us_per_tx"] = 130,
            ["verify.ledger.bpsc_cpu_us_per_tx"] = 30,
            ["verify.ledger.azurite_cpu_us_per_tx"] = 40,
            ["verify.ledger_verifier_alone.tx_per_s"] = 25_000,
        };

    [Fact]
    public void Nothing_is_explained_when_the_pull_reaches_the_share_of_raw_ecdsa() =>
        Assert.Empty(VerifyBounds.Explain(Figures(28_000), cores: 2));

    [Fact]
    public void The_cores_line_adds_what_the_three_processes_spend_per_transaction()
    {
        var cores = VerifyBounds.Explain(Figures(9_000), cores: 2)[0];

        Assert.Contains("replica 130 + BPSC 30 + Azurite 40 = 200 µs", cores, StringComparison.Ordinal);
        Assert.Contains("allow at most 10,000/s (measured 9,000)", cores, StringComparison.Ordinal);
        // 70 % of 40,000 is 28,000/s: 2 cores give 71 µs to each.
        Assert.Contains("(28,000/s) needs ≤ 71 µs in all", cores, StringComparison.Ordinal);
    }

    [Fact]
    public void The_verifier_line_says_what_share_of_the_replica_is_verifying()
    {
        var verifier = VerifyBounds.Explain(Figures(9_000), cores: 2)[1];

        Assert.Contains("checks 25,000/s (62 % of raw ECDSA)", verifier, StringComparison.Ordinal);
        Assert.Contains("80 µs a transaction of the replica's 130", verifier, StringComparison.Ordinal);
    }
}
