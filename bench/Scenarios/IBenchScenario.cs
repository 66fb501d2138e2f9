namespace SmartChain.Bench.Scenarios;

/// <summary>
/// One measured scenario: it starts what it loads, records figures in the report and stops what it started.
/// </summary>
public interface IBenchScenario
{
    /// <summary>The short name of its rows in the table and of its section in the JSON.</summary>
    string Key { get; }

    string Title { get; }

    bool Selected(BenchOptions options);

    Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}
