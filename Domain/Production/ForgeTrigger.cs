using SmartChain.Domain.Chains;

namespace SmartChain.Domain.Production;

/// <summary>
/// Decides whether a chain's BPSC forges now, from its policy, what is pending and the clock (passed in,
/// never read): (A) an interval tick has passed, (B) the count is reached, (C) whichever comes first.
/// </summary>
public static class ForgeTrigger
{
    public static bool CountReached(ProductionPolicy policy, long pending) => policy.Count is { } count && pending >= count;

    /// <summary>True when an interval tick fell in (<paramref name="lastCheck"/>, <paramref name="now"/>].</summary>
    public static bool TickPassed(ProductionPolicy policy, DateTimeOffset lastCheck, DateTimeOffset now) =>
        policy.NextTick(lastCheck) is { } tick && tick <= now;

    /// <summary>True when a tick passed and there is reason to forge: something pending, or a heartbeat policy.</summary>
    public static bool IntervalDue(ProductionPolicy policy, DateTimeOffset lastCheck, DateTimeOffset now, long pending) =>
        TickPassed(policy, lastCheck, now) && (pending > 0 || policy.Heartbeat);
}
