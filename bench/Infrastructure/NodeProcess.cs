using System.Globalization;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// A SmartChain node process: the Release build of the self-host (<c>dotnet SmartChain.SelfHost.dll --port N</c>)
/// on the bench's Azurite with its own table prefix, started and waited for until it serves <c>GET /chains</c>.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    public const string AdminKey = "bench-admin-key";

    private NodeProcess(ChildProcess process, int port, string prefix)
    {
        Process = process;
        Port = port;
        Prefix = prefix;
        Url = new Uri($"http://127.0.0.1:{port}/");
        Http = BenchHttp.Create(Url, TimeSpan.FromMinutes(30));
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public string Prefix { get; }

    public Uri Url { get; }

    /// <summary>For single requests (setup, polling, streaming), not for load.</summary>
    public HttpClient Http { get; }

    /// <summary>When it first answered GET /chains, on <see cref="ChildProcess.Now"/>'s clock.</summary>
    public TimeSpan ServingAt { get; private set; }

    public static async Task<NodeProcess> StartAsync(
        RepoPaths repo,
        string storage,
        string prefix,
        IReadOnlyList<string>? args,
        IReadOnlyDictionary<string, string>? env,
        IReadOnlyList<string>? watch,
        TimeSpan? timeout,
        CancellationToken cancellationToken,
        int? port = null
    )
    {
        if (!File.Exists(repo.NodeDll))
        {
            throw new FileNotFoundException(
                "build the node in Release first: dotnet build FunctionApp/SelfHost -c Release (./bench.sh does)",
                repo.NodeDll
            );
        }

        // A fixed port lets replicas started first name this node in --bpsc (witnesses it must submit to).
        var chosen = port ?? Ports.Free();
        var environment = new Dictionary<string, string>
        {
            ["SMARTCHAIN_STORAGE"] = storage,
            ["SMARTCHAIN_TABLE_PREFIX"] = prefix,
            ["SMARTCHAIN_ADMIN_KEY"] = AdminKey,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var portArg = chosen.ToString(CultureInfo.InvariantCulture);
        var process = ChildProcess.Start(
            "dotnet",
            [repo.NodeDll, "--port", portArg, .. args ?? []],
            repo.Root,
            environment,
            watch
        );
        var node = new NodeProcess(process, chosen, prefix);
        try
        {
            await node.WaitUntilServingAsync(timeout ?? TimeSpan.FromSeconds(60), cancellationToken);
            return node;
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Process.Dispose();
        Http.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(
                    $"node on port {Port} {Process.ExitDescription()}:\n{Process.Tail()}"
                );
            }

            try
            {
                using var response = await Http.GetAsync("chains", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    ServingAt = ChildProcess.Now;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet (a replica syncs before it listens).
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"node on port {Port} did not serve within {timeout}:\n{Process.Tail()}");
    }
}
