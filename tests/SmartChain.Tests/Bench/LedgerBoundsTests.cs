using SmartChain.Bench.Reporting;

namespace SmartChain.Tests.Bench;

/// <summary>
/// What the bench prints under the targets when a ledger target is missed, computed from the run's figures.
/// </summary>
public sealed class LedgerBoundsTests
{
    private static Dictionary<string, double> Figures(double rate, double node, double azurite) =>
        new()
        {
            ["ledger.per_s"] = rate,
            ["ledger.node_cpu_us_per_tx"] = node,
            ["ledger.azurite_cpu_us_per_tx"] = azurite,
            ["ledger.bench_cpu_us_per_tx"] = 100,
        };

    [Fact]
    public void Nothing_is_explained_when_every_ledger_target_is_met() =>
        Assert.Empty(LedgerBounds.Explain(Figures(4500, 290, 240), cores: 2));

    [Fact]
    public void The_cores_line_divides_the_machine_by_the_cpu_a_transfer_takes()
    {
        var lines = LedgerBounds.Explain(Figures(1500, 500, 500), cores: 2);

        Assert.Contains("500 + Azurite 500 + bench 100 = 1,100 µs", lines[0], StringComparison.Ordinal);
        Assert.Contains("2 cores allow at most 1,818/s (measured 1,500)", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_node_line_turns_profile_shares_into_microseconds_and_sums_what_each_request_pays()
    {
        var figures = Figures(1500, 400, 500);
        figures["ledger.profile." + CpuBreakdown.Verify] = 0.25;
        figures["ledger.profile." + CpuBreakdown.HttpServerSockets] = 0.125;
        figures["ledger.profile." + CpuBreakdown.StorageClient] = 0.5;

        var node = LedgerBounds.Explain(figures, cores: 2)[1];

        Assert.Contains($"{CpuBreakdown.StorageClient} 200, {CpuBreakdown.Verify} 100", node, StringComparison.Ordinal);
        Assert.Contains("(verify, HTTP server): 150 µs", node, StringComparison.Ordinal);
    }

    [Fact]
    public void The_azurite_line_splits_its_cost_into_requests_and_entities()
    {
        var figures = Figures(1500, 500, 500);
        figures["azurite.single.cpu_us_per_request"] = 500; // one request, one entity
        figures["azurite.batch.cpu_us_per_request"] = 5450; // one request, a hundred entities
        figures["ledger.storage_requests_per_tx"] = 0.25;
        figures["ledger.entities_written_per_tx"] = 2.25;

        var azurite = LedgerBounds.Explain(figures, cores: 2)[2];

        // 50 µs an entity, 450 µs a request: 0.25 × 450 + 2.25 × 50 = 225 µs.
        Assert.Contains("costs 450 µs a request and 50 µs an entity", azurite, StringComparison.Ordinal);
        Assert.Contains("225 µs by that model", azurite, StringComparison.Ordinal);
        Assert.Contains("(275 µs beyond the model)", azurite, StringComparison.Ordinal);
    }
}
