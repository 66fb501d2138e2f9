namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// The bench's own Azurite table service (the repo's pinned npm package) on a free port, in memory, so a
/// run starts clean and leaves nothing behind. Every scenario of the run shares it, each with its own prefix.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly string _workDir;

    private AzuriteProcess(ChildProcess process, int port, string workDir)
    {
        Process = process;
        Port = port;
        _workDir = workDir;
    }

    public ChildProcess Process { get; }

    public int Port { get; }

    public string ConnectionString => SmartChain.FunctionApp.Hosting.AzuriteDevelopment.TableStorage(Port);

    public static async Task<AzuriteProcess> StartAsync(RepoPaths repo, CancellationToken cancellationToken)
    {
        if (!File.Exists(repo.AzuriteTable))
        {
            throw new FileNotFoundException(
                "Azurite is not installed: run npm ci --no-audit --no-fund (./bench.sh does)",
                repo.AzuriteTable
            );
        }

        var port = Ports.Free();
        var workDir = Directory.CreateTempSubdirectory("smartchain-bench-azurite.").FullName;
        // A 1M-transaction chain plus its replicas lives in Azurite's heap: give node room beyond its default limit.
        var env = new Dictionary<string, string> { ["NODE_OPTIONS"] = "--max-old-space-size=12288" };
        var process = ChildProcess.Start(
            repo.AzuriteTable,
            [
                "--tableHost",
                "127.0.0.1",
                "--tablePort",
                port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--inMemoryPersistence",
                "--skipApiVersionCheck",
                "--loose",
                "--disableTelemetry",
            ],
            workDir,
            env
        );
        var azurite = new AzuriteProcess(process, port, workDir);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Ports.Answers(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await azurite.DisposeAsync();
                throw new InvalidOperationException(
                    $"Azurite did not answer on {port} ({process.ExitDescription()}):\n{process.Tail()}"
                );
            }

            await Task.Delay(100, cancellationToken);
        }

        return azurite;
    }

    public ValueTask DisposeAsync()
    {
        Process.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}
