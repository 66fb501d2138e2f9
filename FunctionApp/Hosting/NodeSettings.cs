namespace SmartChain.FunctionApp.Hosting;

/// <summary>
/// Every setting of a node, read from environment variables / app settings of the same name in both hosts
/// (see local.settings.sample.json), plus the self-host's command-line flags.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>Azurite's well-known development account, table endpoint only.</summary>
    public const string DevelopmentStorage = AzuriteDevelopment.DefaultTableStorage;

    public int Port { get; init; } = 5000;

    /// <summary>
    /// SMARTCHAIN_STORAGE: a connection string, or a table endpoint URL used with DefaultAzureCredential.
    /// </summary>
    public string Storage { get; init; } = DevelopmentStorage;

    /// <summary>SMARTCHAIN_TABLE_PREFIX: used as is; unset, "sc" + the port.</summary>
    public required string TablePrefix { get; init; }

    /// <summary>
    /// SMARTCHAIN_ADMIN_KEY: the x-functions-key admin routes demand; unset, admin routes are closed.
    /// </summary>
    public string? AdminKey { get; init; }

    /// <summary>SMARTCHAIN_BPSC_URL or --bpsc: makes this node a replica of that BPSC's token chains.</summary>
    public Uri? BpscUrl { get; init; }

    /// <summary>
    /// SMARTCHAIN_KEYVAULT_URI: when set, new BPSC keys are kept in this Key Vault (managed identity) instead of the
    /// chains table.
    /// </summary>
    public Uri? KeyVaultUri { get; init; }

    /// <summary>
    /// SMARTCHAIN_MANUAL=true or --manual: the default chains forge only when asked (the article's bpsc102).
    /// </summary>
    public bool Manual { get; init; }

    /// <summary>
    /// SMARTCHAIN_DEFAULT_POLICY_COUNT / _INTERVAL override the default chains' policy (C: 10 s or 100).
    /// </summary>
    public int? DefaultPolicyCount { get; init; }

    public string? DefaultPolicyInterval { get; init; }

    /// <summary>SMARTCHAIN_SYNC_SECONDS: how often a replica pulls its remote chains (default 10).</summary>
    public int SyncSeconds { get; init; } = 10;

    /// <summary>
    /// SMARTCHAIN_MAX_BODY_BYTES: the largest request body accepted (default 64 KiB); larger is a 413.
    /// </summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    /// <summary>SMARTCHAIN_PEER_TIMEOUT_SECONDS: one request's deadline, its whole body included (30).</summary>
    public int PeerTimeoutSeconds { get; init; } = 30;

    /// <summary>SMARTCHAIN_PEER_MAX_ANSWER_BYTES: an answer's most bytes, counted as it streams (32 MiB).</summary>
    public long PeerMaxAnswerBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>SMARTCHAIN_SYNC_ROUND_SECONDS: the time budget of one sync of one chain (default 60).</summary>
    public int SyncRoundSeconds { get; init; } = 60;

    /// <summary>SMARTCHAIN_SYNC_ROUND_BLOCKS: the most blocks one sync of one chain stores (default 10,000).</summary>
    public int SyncRoundBlocks { get; init; } = 10_000;

    /// <summary>SMARTCHAIN_MAX_PEERS: the most nodes <c>/nodes/register</c> keeps (default 100).</summary>
    public int MaxPeers { get; init; } = 100;

    /// <summary>
    /// SMARTCHAIN_RATE_LIMIT_PER_SECOND: requests per second per client on /mine, /smart/chain and /nodes/register
    /// (default 5; 0: no limit).
    /// </summary>
    public int RateLimitPerSecond { get; init; } = 5;

    /// <summary>
    /// SMARTCHAIN_RATE_LIMIT_BURST: how many of those requests a client may make at once (default 10).
    /// </summary>
    public int RateLimitBurst { get; init; } = 10;

    /// <summary>
    /// SMARTCHAIN_CLIENT_IP_HEADER: the header a trusted reverse proxy writes the client's IP in (e.g.
    /// X-Forwarded-For); unset, the connection's address.
    /// </summary>
    public string? ClientIpHeader { get; init; }

    /// <summary>
    /// SMARTCHAIN_LOG_ORIGIN: the schema-less URL naming this deployment's logs; a chain's log origin (and log key
    /// name) is this followed by "/" and the chain id, fixed when the chain is created (default "smartchain.local").
    /// </summary>
    public string LogOrigin { get; init; } = "smartchain.local";

    /// <summary>
    /// SMARTCHAIN_WITNESS_NAME: the key name of this node's witness (default: the log origin + "/witness").
    /// </summary>
    public string? WitnessName { get; init; }

    /// <summary>SMARTCHAIN_WITNESSES: "&lt;submission prefix URL&gt; &lt;vkey&gt;" entries separated by ';'.</summary>
    public string? Witnesses { get; init; }

    public static NodeSettings From(IReadOnlyList<string> args, Func<string, string?> env)
    {
        var port = IntFlag(args, "--port") ?? IntOrNull(env("SMARTCHAIN_PORT")) ?? 5000;
        var bpsc = Flag(args, "--bpsc") ?? env("SMARTCHAIN_BPSC_URL");
        return new NodeSettings
        {
            Port = port,
            Storage = NonEmpty(env("SMARTCHAIN_STORAGE")) ?? DevelopmentStorage,
            TablePrefix = NonEmpty(env("SMARTCHAIN_TABLE_PREFIX")) ?? $"sc{port}",
            AdminKey = NonEmpty(env("SMARTCHAIN_ADMIN_KEY")),
            BpscUrl = NonEmpty(bpsc) is { } url ? new Uri(url.TrimEnd('/') + "/") : null,
            KeyVaultUri = NonEmpty(env("SMARTCHAIN_KEYVAULT_URI")) is { } vault ? new Uri(vault) : null,
            Manual =
                args.Contains("--manual")
                || string.Equals(env("SMARTCHAIN_MANUAL"), "true", StringComparison.OrdinalIgnoreCase),
            DefaultPolicyCount = IntOrNull(env("SMARTCHAIN_DEFAULT_POLICY_COUNT")),
            DefaultPolicyInterval = NonEmpty(env("SMARTCHAIN_DEFAULT_POLICY_INTERVAL")),
            SyncSeconds = IntOrNull(env("SMARTCHAIN_SYNC_SECONDS")) ?? 10,
            MaxBodyBytes = IntOrNull(env("SMARTCHAIN_MAX_BODY_BYTES")) ?? 64 * 1024,
            PeerTimeoutSeconds = Positive(env("SMARTCHAIN_PEER_TIMEOUT_SECONDS")) ?? 30,
            PeerMaxAnswerBytes =
                long.TryParse(env("SMARTCHAIN_PEER_MAX_ANSWER_BYTES"), out var cap) && cap > 0
                    ? cap
                    : 32L * 1024 * 1024,
            SyncRoundSeconds = Positive(env("SMARTCHAIN_SYNC_ROUND_SECONDS")) ?? 60,
            SyncRoundBlocks = Positive(env("SMARTCHAIN_SYNC_ROUND_BLOCKS")) ?? 10_000,
            MaxPeers = Positive(env("SMARTCHAIN_MAX_PEERS")) ?? 100,

            RateLimitPerSecond = IntOrNull(env("SMARTCHAIN_RATE_LIMIT_PER_SECOND")) ?? 5,
            RateLimitBurst = IntOrNull(env("SMARTCHAIN_RATE_LIMIT_BURST")) ?? 10,
            ClientIpHeader = NonEmpty(env("SMARTCHAIN_CLIENT_IP_HEADER")),

            LogOrigin = NonEmpty(env("SMARTCHAIN_LOG_ORIGIN"))?.Trim().TrimEnd('/') ?? "smartchain.local",
            WitnessName = NonEmpty(env("SMARTCHAIN_WITNESS_NAME"))?.Trim(),
            Witnesses = NonEmpty(env("SMARTCHAIN_WITNESSES")),
        };
    }

    private static string? Flag(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    private static int? IntFlag(IReadOnlyList<string> args, string name) => IntOrNull(Flag(args, name));

    private static int? IntOrNull(string? text) => int.TryParse(text, out var value) ? value : null;

    /// <summary>A limit must be at least 1: zero or a negative number would disable what it bounds.</summary>
    private static int? Positive(string? text) => IntOrNull(text) is > 0 and var value ? value : null;

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
