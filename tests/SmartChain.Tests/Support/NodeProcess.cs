using System.Diagnostics;
using System.Text;

namespace SmartChain.Tests.Support;

/// <summary>
/// A real SmartChain node process (the built self-host) on a free port against the test Azurite: for
/// multi-node, crash (kill -9) and multi-producer tests.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private NodeProcess(Process process, int port, string prefix)
    {
        _process = process;
        Port = port;
        Prefix = prefix;
        Http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public const string AdminKey = "test-admin-key";

    public int Port { get; }

    /// <summary>Peak and current resident memory in MB, from /proc/&lt;pid&gt;/status (VmHWM, VmRSS).</summary>
    public (long PeakMb, long NowMb) Memory()
    {
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        long Mb(string field) =>
            long.Parse(
                status
                    .Single(l => l.StartsWith(field + ":", StringComparison.Ordinal))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                System.Globalization.CultureInfo.InvariantCulture
            ) / 1024;
        return (Mb("VmHWM"), Mb("VmRSS"));
    }

    public string Prefix { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts a node and waits until it serves. <paramref name="env"/> adds or overrides settings.</summary>
    public static async Task<NodeProcess> StartAsync(
        string prefix,
        int? port = null,
        string[]? args = null,
        IDictionary<string, string>? env = null
    )
    {
        var chosenPort = port ?? TestStorage.FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(NodeDll());
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(chosenPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var arg in args ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["SMARTCHAIN_STORAGE"] = TestStorage.ConnectionString;
        info.Environment["SMARTCHAIN_TABLE_PREFIX"] = prefix;
        info.Environment["SMARTCHAIN_ADMIN_KEY"] = AdminKey;
        info.Environment["SMARTCHAIN_SYNC_SECONDS"] = "2";
        // Tests drive /mine and /smart/chain far faster than a client may; RateLimitTests turns the limit back on.
        info.Environment["SMARTCHAIN_RATE_LIMIT_PER_SECOND"] = "0";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var node = new NodeProcess(Process.Start(info)!, chosenPort, prefix);
        await node.WaitUntilServingAsync();
        return node;
    }

    /// <summary>SIGKILL, no goodbye: what a crash looks like.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitUntilServingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"node on port {Port} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync("chains");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"node on port {Port} did not serve within 60 s:\n{Output}");
    }

    private static string NodeDll()
    {
        // The node built in the same configuration as the tests (Release under ./test.sh).
        var configuration = AppContext.BaseDirectory.Contains(
            $"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal
        )
            ? "Release"
            : "Debug";
        var dll = Path.Combine(
            TestStorage.RepoRoot,
            "FunctionApp",
            "SelfHost",
            "bin",
            configuration,
            "net10.0",
            "SmartChain.SelfHost.dll"
        );
        return File.Exists(dll) ? dll : throw new FileNotFoundException("build the node first", dll);
    }
}
