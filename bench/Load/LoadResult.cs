using System.Text.Json.Nodes;

namespace SmartChain.Bench.Load;

/// <summary>
/// What a closed-loop load test measured inside its window: acknowledged operations, their rate and latencies.
/// </summary>
public sealed record LoadResult(
    long Ok,
    long Errors,
    double Seconds,
    double P50Ms,
    double P99Ms,
    double MeanMs,
    string? FirstError
)
{
    public double Rate => Seconds > 0 ? Ok / Seconds : 0;

    public override string ToString() =>
        $"{Rate:N0}/s ({Ok:N0} ok, {Errors:N0} errors in {Seconds:0.0} s), p50 {P50Ms:0.0} ms, p99 {P99Ms:0.0} ms";

    public JsonObject ToJson() =>
        new()
        {
            ["per_second"] = Math.Round(Rate, 1),
            ["ok"] = Ok,
            ["errors"] = Errors,
            ["seconds"] = Math.Round(Seconds, 3),
            ["p50_ms"] = Math.Round(P50Ms, 3),
            ["p99_ms"] = Math.Round(P99Ms, 3),
            ["mean_ms"] = Math.Round(MeanMs, 3),
            ["first_error"] = FirstError,
        };
}
