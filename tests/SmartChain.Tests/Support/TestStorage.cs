using System.Diagnostics;
using System.Net.Sockets;

namespace SmartChain.Tests.Support;

/// <summary>
/// The real Azurite every storage and node test runs against: the one ./test.sh started
/// (SMARTCHAIN_TEST_STORAGE), or, when tests run without it, one started here from the repo's node_modules.
/// Each test isolates itself with its own table prefix.
/// </summary>
public static class TestStorage
{
    private static readonly Lazy<string> Connection = new(StartOrFind);

    public static string ConnectionString => Connection.Value;

    public static string UniquePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SmartChain.Functions.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root");
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string StartOrFind()
    {
        var given = Environment.GetEnvironmentVariable("SMARTCHAIN_TEST_STORAGE");
        if (!string.IsNullOrEmpty(given))
        {
            return given;
        }

        var port = FreePort();
        var azurite = Path.Combine(RepoRoot, "node_modules", ".bin", "azurite-table");
        var process =
            Process.Start(
                new ProcessStartInfo(
                    azurite,
                    $"--tableHost 127.0.0.1 --tablePort {port} --inMemoryPersistence --skipApiVersionCheck "
                        + "--disableTelemetry"
                )
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }
            ) ?? throw new InvalidOperationException("could not start Azurite; run ./test.sh or npm ci first");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.Kill(entireProcessTree: true);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", port);
                return SmartChain.FunctionApp.Hosting.AzuriteDevelopment.TableStorage(port);
            }
            catch (SocketException)
            {
                Thread.Sleep(200);
            }
        }

        throw new TimeoutException("Azurite did not answer within 30 s");
    }
}
