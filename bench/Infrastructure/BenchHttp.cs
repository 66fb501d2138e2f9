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
}
