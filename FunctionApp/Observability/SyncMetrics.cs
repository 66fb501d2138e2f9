using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// What replicas did: blocks pulled, entries verified, how far behind each replica was, and sync failures.
/// </summary>
public static class SyncMetrics
{
    private static readonly Gauge<long> Lag = Telemetry.Meter.CreateGauge<long>(
        "smartchain.replica.lag",
        "{block}",
        "Blocks a replica lacked when its last sync round began (what that round pulled); 0 once caught up, per chain"
    );

    private static readonly Counter<long> Blocks = Telemetry.Meter.CreateCounter<long>(
        "smartchain.replica.blocks",
        "{block}",
        "Blocks pulled, verified and stored by replica sync, per chain"
    );

    private static readonly Counter<long> Verified = Telemetry.Meter.CreateCounter<long>(
        "smartchain.replica.verified",
        "{transaction}",
        "Entries whose block passed verification (hash, signature, Merkle root, entry and ledger rules), per chain"
    );

    private static readonly Counter<long> Failures = Telemetry.Meter.CreateCounter<long>(
        "smartchain.replica.failures",
        "{round}",
        "Chain syncs that ended with an error (source unreachable, or blocks refused), per chain"
    );

    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram(
        "smartchain.sync.duration",
        "s",
        "Time of one sync round over every replicated chain",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
        }
    );

    /// <summary>
    /// Times one sync round and traces it as its own trace (its page fetches are its children): dispose when done.
    /// </summary>
    public static RoundTimer StartRound() => new(Telemetry.StartRoot("smartchain.sync"), Stopwatch.GetTimestamp());

    /// <summary>Traces the sync of one chain inside a round.</summary>
    public static Activity? StartChain(ChainId chain) => Telemetry.StartChild("smartchain.sync.chain", chain);

    /// <summary>A page of blocks passed verification.</summary>
    public static void RecordVerified(ChainId chain, int blocks, long entries)
    {
        var tag = Telemetry.ChainTag(chain);
        Blocks.Add(blocks, tag);
        Verified.Add(entries, tag);
    }

    /// <summary>The end of one chain's sync: how many blocks it lacked (pulled) and whether it failed.</summary>
    public static void RecordChain(Sync.SyncReport report)
    {
        var tag = Telemetry.ChainTag(report.Chain);
        Lag.Record(report.Pulled, tag);
        if (!report.Succeeded)
        {
            Failures.Add(1, tag);
            Activity.Current?.SetStatus(ActivityStatusCode.Error, report.Error);
        }
    }

    public readonly struct RoundTimer(Activity? activity, long started) : IDisposable
    {
        public void Dispose()
        {
            Duration.Record(Telemetry.SecondsSince(started));
            activity?.Dispose();
        }
    }
}
