using System.Net;
using System.Threading.RateLimiting;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The per-client limit on the anonymous routes that make a node work (<c>/mine</c>, <c>/smart/chain</c>,
/// <c>/nodes/register</c>; SPEC §4): one token bucket per client IP, shared by those routes, refilled at
/// SMARTCHAIN_RATE_LIMIT_PER_SECOND (default 5) up to SMARTCHAIN_RATE_LIMIT_BURST (default 10). A refused call is a
/// 429 problem+json with <c>Retry-After</c> and does nothing. It lives in the shared handlers, not in ASP.NET Core
/// middleware, because the Functions host does not run the self-host's pipeline.
/// </summary>
/// <remarks>
/// The client is the connection's remote address. Behind a reverse proxy (Azure Functions' front end, a load balancer)
/// every caller would share the proxy's address, so the operator names the header that proxy writes in
/// SMARTCHAIN_CLIENT_IP_HEADER (e.g. <c>X-Forwarded-For</c>): the node then takes the last address in it, the one the
/// proxy itself appended. It is never trusted by default, since any client can send that header.
/// </remarks>
public sealed class ClientRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>? _limiter;
    private readonly string? _clientIpHeader;

    public ClientRateLimiter(NodeSettings settings)
    {
        _clientIpHeader = settings.ClientIpHeader;
        if (settings.RateLimitPerSecond <= 0)
        {
            return; // 0: no limit (e.g. a node behind a gateway that already limits)
        }

        var options = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(settings.RateLimitBurst, 1),
            TokensPerPeriod = settings.RateLimitPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            RateLimitPartition.GetTokenBucketLimiter(ClientOf(context), _ => options)
        );
    }

    /// <summary>Null when the caller may go on (its token is spent), else the 429 to answer.</summary>
    public IResult? Refuse(HttpContext context)
    {
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(context);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        Observability.AdmissionMetrics.RecordRateLimited(context.Request.Path.Value ?? "");
        return Problems.TooManyRequests(
            $"this client ({ClientOf(context)}) made more requests than the node allows on this route: retry in "
                + $"{seconds} s",
            seconds
        );
    }

    /// <summary>
    /// The client's IP: the trusted proxy's header when one is configured and holds an address, else the connection's.
    /// </summary>
    private string ClientOf(HttpContext context)
    {
        if (
            _clientIpHeader is not null
            && context.Request.Headers[_clientIpHeader].ToString().Split(',') is { Length: > 0 } hops
            && ParseHop(hops[^1].Trim()) is { } forwarded
        )
        {
            return forwarded.ToString();
        }

        return context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";
    }

    /// <summary>
    /// An address as proxies write it: "203.0.113.7", "203.0.113.7:5123", "[2001:db8::1]:443" or "2001:db8::1".
    /// </summary>
    private static IPAddress? ParseHop(string hop)
    {
        if (IPAddress.TryParse(hop, out var address))
        {
            return address;
        }

        return IPEndPoint.TryParse(hop, out var endpoint) ? endpoint.Address : null;
    }

    public void Dispose() => _limiter?.Dispose();
}
