using System.Text.Json.Nodes;

namespace SmartChain.Bench.Reporting;

/// <summary>One target of issue 6 judged against this run's figure: met, missed, or not measured (and why).</summary>
public sealed record TargetCheck(string Target, string Figure, string Status)
{
    public const string Met = "met";
    public const string Missed = "MISSED";
    public const string NotMeasured = "not measured";

    public JsonObject ToJson() =>
        new()
        {
            ["target"] = Target,
            ["figure"] = Figure,
            ["status"] = Status,
        };
}
