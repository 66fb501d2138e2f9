namespace SmartChain.Bench.Scenarios;

/// <summary>One measured scenario: it starts what it loads, records figures in the report and stops what it started.</summary>
public interface IBenchScenario
{
    string Title { get; }

    bool Selected(BenchOptions options);

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
