using System.Collections.Concurrent;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// How many entries this process accepted per chain since its last forge: what the count policy compares
/// with. Per process by design: with several instances a chain may forge a little earlier than its count,
/// never later than its interval.
/// </summary>
public sealed class PendingCounter
{
    private readonly ConcurrentDictionary<ChainId, long> _counts = new();

    public long Increment(ChainId chain) => _counts.AddOrUpdate(chain, 1, (_, n) => n + 1);

    public void Forged(ChainId chain, int included) =>
        _counts.AddOrUpdate(chain, 0, (_, n) => Math.Max(0, n - included));
}
