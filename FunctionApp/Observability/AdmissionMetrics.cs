using System.Diagnostics.Metrics;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// Requests turned away before any work: the rate limiter's 429s. Defined here for the limiter of issue 11
/// (branch <c>input</c>) to call, one line at the point it refuses.
/// </summary>
public static class AdmissionMetrics
{
    private static readonly Counter<long> RateLimited = Telemetry.Meter.CreateCounter<long>(
        "smartchain.requests.rate_limited",
        "{request}",
        "Requests answered 429 by the rate limiter, per smartchain.route (the route template, never the raw path)"
    );

    public static void RecordRateLimited(string routeTemplate) =>
        RateLimited.Add(1, new KeyValuePair<string, object?>("smartchain.route", routeTemplate));
}
