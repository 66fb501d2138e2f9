using System.Diagnostics;
using System.Net.Sockets;

namespace SmartChain.Tests.Support;

/// <summary>
/// A dedicated Azurite table service with on-disk persistence on its own free port and data folder (not the
/// shared in-memory one of ./test.sh): a test can kill it (SIGKILL), leave it down, and start it again on the
/// same port with the same data, as a storage outage looks to a node.
/// Azurite saves its data to disk every 5 s (LokiJS autosave) and on a graceful stop: writes made in the last
/// seconds before a SIGKILL are lost by the emulator itself (Azure Storage does not lose acknowledged writes).
/// </summary>
public sealed class DiskAzurite : IDisposable
{
    /// <summary>How far back a SIGKILL may undo the emulator's writes: its autosave interval plus a margin.</summary>
    public static readonly TimeSpan UnsavedWindow = TimeSpan.FromSeconds(8);

    private readonly string _folder = Path.Combine(
        Path.GetTempPath(),
        "smartchain-azurite-" + Guid.NewGuid().ToString("N")[..8]
    );
    private readonly System.Text.StringBuilder _output = new();
    private Process? _process;

    private DiskAzurite(int port) => Port = port;

    public int Port { get; }

    public string ConnectionString => SmartChain.FunctionApp.Hosting.AzuriteDevelopment.TableStorage(Port);

    public static async Task<DiskAzurite> StartAsync()
    {
        var azurite = new DiskAzurite(TestStorage.FreePort());
        Directory.CreateDirectory(azurite._folder);
        await azurite.RestartAsync();
        return azurite;
    }

    /// <summary>Starts the emulator on the same port and data folder, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        var bin = Path.Combine(TestStorage.RepoRoot, "node_modules", ".bin", "azurite-table");
        var info = new ProcessStartInfo(bin)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (
            var arg in new[]
            {
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--location",
                _folder,
                "--skipApiVersionCheck",
                "--loose",
                "--disableTelemetry",
            }
        )
        {
            info.ArgumentList.Add(arg);
        }

        _process =
            Process.Start(info) ?? throw new InvalidOperationException("could not start Azurite; run npm ci first");
        _process.OutputDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_output)
            {
                _output.AppendLine(e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Node.js starting Azurite on a busy two-core machine has been seen to take 15 s.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        lock (_output)
        {
            throw new TimeoutException($"Azurite did not answer on port {Port}:\n{_output}");
        }
    }

    /// <summary>SIGKILL: storage gone at once, connections reset, no goodbye.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>
    /// SIGINT: Azurite closes its server and saves its data before it exits (a SIGKILL follows if it has not exited
    /// within a minute). Storage goes away as for a planned stop, with every acknowledged write on disk.
    /// </summary>
    public async Task InterruptAsync()
    {
        if (_process is { HasExited: false })
        {
            using (
                var signal = Process.Start(
                    "kill",
                    ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]
                )
            )
            {
                await signal.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                // Kill below.
            }
        }

        Kill();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }
}
