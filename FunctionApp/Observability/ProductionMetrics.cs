using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Observability;

/// <summary>What the BPSC's forges did: how long each took and how large the blocks were.</summary>
public static class ProductionMetrics
{
    public const string OutcomeAttribute = "smartchain.forge.outcome";

    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram(
        "smartchain.forge.duration",
        "s",
        "Time of one forge: read the head and pending, forge and sign, commit, follow-up; per chain and "
            + "smartchain.forge.outcome (block, nothing, failed)",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        }
    );

    private static readonly Histogram<int> BlockSize = Telemetry.Meter.CreateHistogram<int>(
        "smartchain.block.size",
        "{transaction}",
        "Entries in each block this node forged, per chain",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [0, 1, 10, 100, 1_000, 2_500, 5_000, 10_000] }
    );

    private static readonly Counter<long> Attempts = Telemetry.Meter.CreateCounter<long>(
        "smartchain.forge.conflicts",
        "{attempt}",
        "Forge attempts that lost the head to another producer and started over, per chain"
    );

    /// <summary>
    /// Times one forge and traces it as its own trace, linked to what asked for it: dispose when done.
    /// </summary>
    public static ForgeTimer Start(ChainId chain) =>
        new(chain, Telemetry.StartRoot("smartchain.forge", chain), Stopwatch.GetTimestamp());

    public static void RecordConflict(ChainId chain) => Attempts.Add(1, Telemetry.ChainTag(chain));

    /// <summary>Ends the span, records the forge's duration with its outcome and, for a block, its size.</summary>
    public sealed class ForgeTimer(ChainId chain, Activity? activity, long started) : IDisposable
    {
        private string _outcome = "failed";

        /// <summary>
        /// A block of <paramref name="entries"/> entries, <paramref name="pending"/> of them from pending rows, was
        /// committed.
        /// </summary>
        public void Forged(long index, int entries, int pending)
        {
            _outcome = "block";
            BlockSize.Record(entries, Telemetry.ChainTag(chain));
            AcceptanceMetrics.RecordIncluded(chain, pending);
            activity?.SetTag("smartchain.block.index", index).SetTag("smartchain.block.size", entries);
        }

        public void Nothing() => _outcome = "nothing";

        public void Dispose()
        {
            var seconds = Telemetry.SecondsSince(started);
            Duration.Record(seconds, Telemetry.ChainTag(chain), new(OutcomeAttribute, _outcome));
            activity?.SetTag(OutcomeAttribute, _outcome);
            if (_outcome == "failed")
            {
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            activity?.Dispose();
        }
    }
}
