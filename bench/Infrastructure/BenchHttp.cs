using System.Net;

namespace SmartChain.Bench.Infrastructure;

/// <summary>The load generator's HTTP client: pooled sockets, enough connections for every concurrent client.</summary>
public static class BenchHttp
{
    public static HttpClient Create(Uri baseAddress, TimeSpan? timeout = null) =>
        new(
            new SocketsHttpHandler
            {
                MaxConnectionsPerServer = 4096,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
                AutomaticDecompression = DecompressionMethods.None,
                UseProxy = false,
            }
        )
        {
            BaseAddress = baseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };

    /// <summary>Reads a streamed answer to the end, discarding it; answers how many bytes it held.</summary>
    public static async Task<long> DrainAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
        }

        return bytes;
    }
}
