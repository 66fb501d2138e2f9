using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// The node's one <see cref="Meter"/> and one <see cref="ActivitySource"/>, both named <see cref="Name"/>; the
/// instruments live in one static class per concern beside this one (docs/operations.md lists them). Static on
/// purpose: creating instruments and recording with no listener costs next to nothing, so code records
/// unconditionally and only what <see cref="TelemetryRegistration"/> wires up is collected.
/// </summary>
public static class Telemetry
{
    public const string Name = "SmartChain";

    /// <summary>
    /// The attribute every per-chain instrument and span carries: the chain id (only ids of chains this node holds).
    /// </summary>
    public const string ChainAttribute = "smartchain.chain";

    private static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    public static readonly Meter Meter = new(Name, Version);

    public static readonly ActivitySource Source = new(Name, Version);

    /// <summary>
    /// Starts a span that begins its own trace (a forge, a sync round: work done for many requests or for a timer),
    /// linked to the span that caused it, if any, so the request that triggered a forge still finds it.
    /// </summary>
    public static Activity? StartRoot(string name, ChainId? chain = null)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var cause = Activity.Current;
        Activity.Current = null; // flows back to no caller: async methods restore their caller's context
        ActivityLink[]? links = cause is null ? null : [new ActivityLink(cause.Context)];
        var activity = Source.StartActivity(name, ActivityKind.Internal, parentContext: default, links: links);
        activity?.SetTag(ChainAttribute, chain?.ToString());
        return activity;
    }

    /// <summary>
    /// Starts the span of one storage write shared by many requests (group commit): a child of the first request's
    /// span, linked to the others, so each request's trace reaches the write that made it durable. The writer runs on
    /// its own loop, whose ambient span (if any) is unrelated, so the parent is always given.
    /// </summary>
    public static Activity? StartBatch(string name, ChainId chain, IEnumerable<ActivityContext> causes)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var contexts = causes.Where(c => c != default).ToList();
        Activity.Current = null;
        var activity = Source.StartActivity(
            name,
            ActivityKind.Internal,
            contexts.Count > 0 ? contexts[0] : default,
            links: contexts.Skip(1).Select(c => new ActivityLink(c))
        );
        activity?.SetTag(ChainAttribute, chain.Value);
        activity?.SetTag("smartchain.batch.size", contexts.Count);
        return activity;
    }

    /// <summary>
    /// Starts a span under the current one (a child of the request, forge or sync round in progress).
    /// </summary>
    public static Activity? StartChild(string name, ChainId? chain = null)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag(ChainAttribute, chain?.ToString());
        return activity;
    }

    /// <summary>The chain tag of a metric: the id's text, the edge where it leaves the typed world.</summary>
    public static KeyValuePair<string, object?> ChainTag(ChainId chain) => new(ChainAttribute, chain.Value);

    /// <summary>
    /// Seconds since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>): durations are in seconds, per
    /// the conventions.
    /// </summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;
}
