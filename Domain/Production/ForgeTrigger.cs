using SmartChain.Domain.Chains;

namespace SmartChain.Domain.Production;

/// <summary>
/// Decides whether a chain's BPSC forges now, from its policy, what is pending and the clock (passed in,
/// never read): (A) an interval tick has passed, (B) the count is reached, (C) whichever comes first.
/// </summary>
public static class ForgeTrigger
{
    public static bool CountReached(ProductionPolicy policy, long pending) =>
        policy.Count is { } count && pending >= count;

    /// <summary>
    /// The scheduled forge's rule, from durable state only (so a timer's schedule, its monitoring, restarts and the
    /// number of instances do not matter): due when the count is reached; or, with something pending, when an
    /// interval tick fell after both the head block (<paramref name="headForgedAt"/>) and the oldest pending entry's
    /// acceptance, and at or before <paramref name="now"/>; or, for a heartbeat policy, when a tick fell after the head
    /// block. A block at that tick moves the head past it, so each tick forges once, whoever runs the check.
    /// </summary>
    public static bool Due(
        ProductionPolicy policy,
        DateTimeOffset headForgedAt,
        PendingState pending,
        DateTimeOffset now
    )
    {
        if (CountReached(policy, pending.Count))
        {
            return true;
        }

        if (pending.Count == 0)
        {
            return policy.Heartbeat && TickIn(policy, headForgedAt, now);
        }

        var waitingSince = pending.OldestAcceptedAt is { } oldest && oldest > headForgedAt ? oldest : headForgedAt;
        return TickIn(policy, waitingSince, now);
    }

    /// <summary>True when an interval tick fell in (<paramref name="after"/>, <paramref name="now"/>].</summary>
    private static bool TickIn(ProductionPolicy policy, DateTimeOffset after, DateTimeOffset now) =>
        policy.NextTick(after) is { } tick && tick <= now;
}

/// <summary>
/// What waits for a chain's next block, as storage holds it: the number of entries (counted at least up to the
/// policy's count) and when the oldest of them was accepted (null when none is).
/// </summary>
public sealed record PendingState(long Count, DateTimeOffset? OldestAcceptedAt)
{
    public static readonly PendingState None = new(0, null);
}
