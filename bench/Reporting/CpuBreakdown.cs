namespace SmartChain.Bench.Reporting;

/// <summary>
/// Where a process spent its CPU, from sampled stacks (<see cref="Infrastructure.NodeProfiler"/>): each sample is put
/// in the bucket of its deepest frame that names one, so a socket send made by Kestrel counts as the HTTP server's and
/// a JSON read made by the Azure SDK as the storage client's JSON. Samples of threads that were waiting (their deepest
/// managed frame is a wait) are left out: the shares are shares of busy time, to be multiplied by the CPU the
/// process was measured to use.
/// </summary>
public sealed class CpuBreakdown
{
    public const string HttpServerSockets = "HTTP server: socket send/receive";
    public const string HttpServer = "HTTP server: Kestrel and ASP.NET Core";
    public const string Verify = "ECDSA P-256 verify";
    public const string KeyImport = "public key import";
    public const string StorageSockets = "storage client: socket send/receive";
    public const string StorageClient = "storage client: Azure SDK and HttpClient";
    public const string Json = "JSON read/write";
    public const string Telemetry = "metrics and traces";
    public const string SmartChain = "SmartChain code";
    public const string Threading = "thread pool, tasks and locks";
    public const string Spinning = "thread pool workers between work items (spinning or waiting for a core)";
    public const string Allocation = "allocation and GC";
    public const string Other = "other .NET";

    // A thread outside managed code whose deepest managed frame is one of these is blocked, not working.
    private static readonly string[] Waits =
    [
        "LowLevelLifoSemaphore",
        "WorkerThreadStart",
        "ManualResetEventSlim.Wait",
        "WaitHandle.Wait",
        "WaitOneNoCheck",
        "Monitor.Wait",
        "Thread.Sleep",
        "SocketAsyncEngine.EventLoop",
        "Interop+Sys.Read(",
        "GateThreadStart",
        "TimerQueue.TimerThread",
    ];

    // The same methods seen in managed code: the thread pool's workers spin there before they block. The sampler cannot
    // tell a thread on a core from one preempted, so on a saturated machine this bucket also holds runnable threads
    // waiting for a core (docs/benchmarks.md: setting the spin limit to 0 shrank it without lowering measured CPU).
    private static readonly string[] Spins =
    [
        "LowLevelLifoSemaphore",
        "LowLevelSpinWaiter",
        "WorkerThreadStart",
        "ManualResetEventSlim.Wait",
        "SpinWait",
    ];

    private readonly Dictionary<string, long> _samples = new(StringComparer.Ordinal);

    /// <summary>Busy samples in all.</summary>
    public long Busy { get; private set; }

    /// <summary>Samples left out because their thread was waiting or had no managed frame.</summary>
    public long Idle { get; private set; }

    /// <summary>
    /// The bucket of a stack given root first, with managed frames only (namespace, type and method), or null when
    /// the thread was not working: blocked (<paramref name="external"/>, outside managed code, in a wait) or stopped
    /// for a garbage collection.
    /// </summary>
    public static string? BucketOf(IReadOnlyList<string> frames, bool external)
    {
        bool LeafIn(string[] names) => names.Any(n => frames[^1].Contains(n, StringComparison.Ordinal));
        if (frames.Count == 0 || (external && LeafIn(Waits)) || frames[^1].Contains("PollGC", StringComparison.Ordinal))
        {
            return null;
        }

        if (LeafIn(Spins))
        {
            return Spinning;
        }

        var server = frames.Any(f => f.Contains("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal));
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (Named(frames[i], server) is { } bucket)
            {
                return bucket;
            }
        }

        return Other;
    }

    public void Add(IReadOnlyList<string> frames, bool external)
    {
        if (BucketOf(frames, external) is { } bucket)
        {
            _samples[bucket] = _samples.GetValueOrDefault(bucket) + 1;
            Busy++;
        }
        else
        {
            Idle++;
        }
    }

    /// <summary>Each bucket's share of the busy samples, largest first.</summary>
    public IReadOnlyList<(string Bucket, double Share)> Shares() =>
        Busy == 0 ? [] : _samples.OrderByDescending(s => s.Value).Select(s => (s.Key, (double)s.Value / Busy)).ToList();

    private static string? Named(string frame, bool server)
    {
        // The method's own name, not its parameter types: SignedTransfer.TryRead(JsonElement) is our code, not JSON's.
        var method = frame.Split('(', 2)[0];
        bool Has(string part) => method.Contains(part, StringComparison.Ordinal);
        return frame switch
        {
            _ when Has("ECDsa") && Has("Verify") => Verify,
            _ when Has("ImportParameters") || Has("PublicKey.TryParse") || Has("PublicKeyCache") => KeyImport,
            _ when Has("System.Net.Sockets") => server ? HttpServerSockets : StorageSockets,
            _ when Has("System.GC") || Has("AllocateUninitializedArray") => Allocation,
            _ when Has("System.Text.Json") => Json,
            _ when Has("OpenTelemetry") || Has("System.Diagnostics.Metrics") || Has("System.Diagnostics.Activity") =>
                Telemetry,
            _ when Has("Azure.") || Has("System.Net.Http") => StorageClient,
            _ when Has("Microsoft.AspNetCore") || Has("System.IO.Pipelines") => HttpServer,
            _ when Has("SmartChain.") => SmartChain,
            _ when Has("System.Threading") || Has("System.Runtime.CompilerServices.Async") => Threading,
            _ => null,
        };
    }
}
