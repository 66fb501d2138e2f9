using System.Collections.Concurrent;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// How many entries this process accepted per chain since its last forge: what the count policy compares
/// with. Per process by design: with several instances a chain may forge a little earlier than its count,
/// never later than its interval.
/// </summary>
public sealed class PendingCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new();

    public long Increment(string chain) => _counts.AddOrUpdate(chain, 1, (_, n) => n + 1);

    public void Forged(string chain, int included) => _counts.AddOrUpdate(chain, 0, (_, n) => Math.Max(0, n - included));
}
