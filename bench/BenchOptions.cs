namespace SmartChain.Bench;

/// <summary>
/// What to run and how big: every scenario's size and duration, with the <c>--quick</c> smoke defaults.
/// </summary>
public sealed record BenchOptions
{
    public static readonly string[] AllScenarios =
    [
        "azurite",
        "accept",
        "ledger",
        "receipts",
        "forge",
        "witness",
        "verify",
        "memory",
    ];

    public required IReadOnlySet<string> Scenarios { get; init; }

    public bool Quick { get; init; }

    /// <summary>Concurrent HTTP clients of the accept and ledger load tests.</summary>
    public int Clients { get; init; } = 32;

    /// <summary>
    /// Load before each measured window. On two cores the node's tiered JIT recompiles the hot path for ~10 s after
    /// load starts; a 2 s warm-up measured that too (node CPU per ledger transfer ~880 µs, ~500 µs after 10 s).
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan AcceptDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Which SmartChain nodes the accept test loads: "manual" (no forging) and/or "default" (10 s or 100 tx).
    /// </summary>
    public required IReadOnlyList<string> AcceptPolicies { get; init; }

    public bool SkipArticleNode { get; init; }

    /// <summary>
    /// Seconds of ledger load run again under a sampled CPU profile of the node, after the measured window so that
    /// the profiler's cost stays out of the figures (0: no profile).
    /// </summary>
    public int ProfileSeconds { get; init; } = 5;

    public int LedgerWallets { get; init; } = 1000;

    public required IReadOnlyList<int> ForgeSizes { get; init; }

    public int ForgeRepeat { get; init; } = 3;

    public int VerifyTx { get; init; } = 1_000_000;

    /// <summary>Signed ledger transfers in the chain a replica verifies signature by signature (0: skip).</summary>
    public int VerifyLedgerTx { get; init; } = 200_000;

    public required IReadOnlyList<int> MemoryTx { get; init; }

    public TimeSpan AzuriteDuration { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan CryptoDuration { get; init; } = TimeSpan.FromSeconds(3);

    public string? Output { get; init; }

    /// <summary>Extra environment for every node process the bench starts (e.g. DOTNET_gcServer=0).</summary>
    public IReadOnlyDictionary<string, string> NodeEnvironment { get; init; } = new Dictionary<string, string>();

    public bool Runs(string scenario) => Scenarios.Contains(scenario);
}
