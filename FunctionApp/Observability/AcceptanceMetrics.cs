using System.Diagnostics;
using System.Diagnostics.Metrics;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// What acceptance did: entries accepted and refused per chain, how long an answer took, how many submissions
/// shared one storage write, and how many accepted entries wait for a block.
/// </summary>
public static class AcceptanceMetrics
{
    public const string ReasonAttribute = "smartchain.refusal.reason";

    /// <summary>Refusal reasons, a closed set (an attribute's values must not come from the request).</summary>
    public static class Reasons
    {
        /// <summary>400: not JSON, too large, a missing or mistyped field, a malformed signed request.</summary>
        public const string Malformed = "malformed";

        /// <summary>422 before the ledger is read: a bad signature, a fee or amount the chain does not allow.</summary>
        public const string Rule = "rule";

        /// <summary>409: not the sender's next nonce.</summary>
        public const string Nonce = "nonce";

        /// <summary>422: the sender cannot spend the amount.</summary>
        public const string Funds = "funds";
    }

    private static readonly Counter<long> Accepted = Telemetry.Meter.CreateCounter<long>(
        "smartchain.transactions.accepted",
        "{transaction}",
        "Entries made durable by acceptance (transfers, records, signed transfers and refunds), per chain"
    );

    private static readonly Counter<long> Refused = Telemetry.Meter.CreateCounter<long>(
        "smartchain.transactions.refused",
        "{transaction}",
        "Submissions refused with a 4xx, per chain and smartchain.refusal.reason"
    );

    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram(
        "smartchain.acceptance.duration",
        "s",
        "Time from a submission's body read to its answer: validation and the durable write (and, at count 1, the "
            + "forge)",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        }
    );

    private static readonly Histogram<int> GroupSize = Telemetry.Meter.CreateHistogram<int>(
        "smartchain.group_commit.size",
        "{transaction}",
        "Submissions sent together in one storage request by group commit, per smartchain.commit.kind (open or ledger)",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 49, 64, 99] }
    );

    private static readonly UpDownCounter<long> Pending = Telemetry.Meter.CreateUpDownCounter<long>(
        "smartchain.pending.count",
        "{transaction}",
        "Accepted entries not yet in a block, per chain: + on acceptance, - on the forge that includes them; exact "
            + "when summed over every instance since they started"
    );

    /// <summary>Times one submission to a local chain and traces it: dispose when answered.</summary>
    public static AcceptanceTimer Start(ChainRecord chain) =>
        new(chain.Id, Telemetry.StartChild("smartchain.accept", chain.Id), Stopwatch.GetTimestamp());

    /// <summary>An entry is durable and counts toward the chain's pending depth.</summary>
    public static void RecordAccepted(ChainRecord chain)
    {
        var tag = Telemetry.ChainTag(chain.Id);
        Accepted.Add(1, tag);
        Pending.Add(1, tag);
    }

    public static void RecordRefused(ChainRecord chain, string reason)
    {
        Refused.Add(1, Telemetry.ChainTag(chain.Id), new(ReasonAttribute, reason));
        Activity.Current?.SetTag(ReasonAttribute, reason);
    }

    /// <summary>A refusal by the ledger rule: a nonce conflict, or the sender's funds.</summary>
    public static void RecordRefused(ChainRecord chain, Domain.Ledger.LedgerRefusal? refusal)
    {
        if (refusal is not null)
        {
            RecordRefused(
                chain,
                refusal.Reason == Domain.Ledger.RefusalReason.NonceNotNext ? Reasons.Nonce : Reasons.Funds
            );
        }
    }

    public static void RecordGroup(string kind, int size) =>
        GroupSize.Record(size, new KeyValuePair<string, object?>("smartchain.commit.kind", kind));

    /// <summary>A forge took <paramref name="included"/> pending entries of the chain into its block.</summary>
    public static void RecordIncluded(ChainId chain, int included) => Pending.Add(-included, Telemetry.ChainTag(chain));

    /// <summary>Ends the span and records the duration of one submission.</summary>
    public readonly struct AcceptanceTimer(ChainId chain, Activity? activity, long started) : IDisposable
    {
        public void Dispose()
        {
            Duration.Record(Telemetry.SecondsSince(started), Telemetry.ChainTag(chain));
            activity?.Dispose();
        }
    }
}
