using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Reporting;

namespace SmartChain.Bench;

/// <summary>
/// What every scenario shares: the repository, the one Azurite of this run, the options and the report.
/// </summary>
public sealed class BenchContext(RepoPaths repo, AzuriteProcess azurite, BenchOptions options, Report report)
{
    public RepoPaths Repo { get; } = repo;

    public AzuriteProcess Azurite { get; } = azurite;

    public BenchOptions Options { get; } = options;

    public Report Report { get; } = report;

    /// <summary>A table prefix no other scenario of any run uses.</summary>
    public static string UniquePrefix(string tag) => tag + Guid.NewGuid().ToString("N")[..8];

    public Task<NodeProcess> StartNodeAsync(
        string prefix,
        IReadOnlyList<string>? args = null,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? watch = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default,
        int? port = null
    ) =>
        NodeProcess.StartAsync(
            Repo,
            Azurite.ConnectionString,
            prefix,
            args,
            Merge(Options.NodeEnvironment, env),
            watch,
            timeout,
            cancellationToken,
            port
        );

    private static Dictionary<string, string> Merge(
        IReadOnlyDictionary<string, string> common,
        IReadOnlyDictionary<string, string>? specific
    )
    {
        var merged = new Dictionary<string, string>(common);
        foreach (var (key, value) in specific ?? new Dictionary<string, string>())
        {
            merged[key] = value;
        }

        return merged;
    }
}
