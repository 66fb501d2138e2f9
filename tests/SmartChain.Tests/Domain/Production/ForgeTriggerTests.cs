using SmartChain.Domain.Chains;
using SmartChain.Domain.Production;

namespace SmartChain.Tests.Domain.Production;

public sealed class ForgeTriggerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 1, TimeSpan.Zero); // one second after a tick
    private static readonly ProductionPolicy EveryTenSeconds = new() { Interval = "*/10 * * * * *" };

    [Theory]
    [InlineData(3, 0, false)]
    [InlineData(3, 2, false)]
    [InlineData(3, 3, true)]
    [InlineData(3, 4, true)]
    [InlineData(1, 1, true)]
    public void CountIsReachedAtExactlyTheCount(int count, long pending, bool reached)
    {
        Assert.Equal(reached, ForgeTrigger.CountReached(new ProductionPolicy { Count = count }, pending));
    }

    [Fact]
    public void NoCountNeverReaches()
    {
        Assert.False(ForgeTrigger.CountReached(EveryTenSeconds, 1_000_000));
        Assert.False(ForgeTrigger.CountReached(ProductionPolicy.Manual, 1_000_000));
    }

    [Fact]
    public void IntervalIsDueOnceItsTickHasPassedWithSomethingPending()
    {
        Assert.False(ForgeTrigger.IntervalDue(EveryTenSeconds, T0, T0.AddSeconds(8.999), pending: 1));
        Assert.True(ForgeTrigger.IntervalDue(EveryTenSeconds, T0, T0.AddSeconds(9), pending: 1));  // the tick itself (12:00:10) counts
        Assert.True(ForgeTrigger.IntervalDue(EveryTenSeconds, T0, T0.AddSeconds(35), pending: 1)); // missed ticks fold into one
    }

    [Fact]
    public void TickAtTheLastCheckWasAlreadyHandled()
    {
        var tick = new DateTimeOffset(2025, 3, 1, 12, 0, 10, TimeSpan.Zero);

        Assert.False(ForgeTrigger.IntervalDue(EveryTenSeconds, tick, tick.AddSeconds(9), pending: 1));
        Assert.True(ForgeTrigger.IntervalDue(EveryTenSeconds, tick, tick.AddSeconds(10), pending: 1));
    }

    [Fact]
    public void EmptyIntervalForgesNothingUnlessHeartbeat()
    {
        Assert.False(ForgeTrigger.IntervalDue(EveryTenSeconds, T0, T0.AddSeconds(20), pending: 0));
        Assert.True(ForgeTrigger.IntervalDue(EveryTenSeconds with { Heartbeat = true }, T0, T0.AddSeconds(20), pending: 0));
        Assert.False(ForgeTrigger.IntervalDue(EveryTenSeconds with { Heartbeat = true }, T0, T0.AddSeconds(5), pending: 0));
    }

    [Fact]
    public void CountOnlyPolicyIsNeverDueOnTime()
    {
        Assert.False(ForgeTrigger.IntervalDue(new ProductionPolicy { Count = 3 }, T0, T0.AddDays(1), pending: 2));
    }

    [Fact]
    public void WhicheverComesFirst()
    {
        var both = new ProductionPolicy { Interval = "*/10 * * * * *", Count = 3 };

        Assert.True(ForgeTrigger.CountReached(both, 3));                          // (B) before the tick
        Assert.False(ForgeTrigger.IntervalDue(both, T0, T0.AddSeconds(1), 3));
        Assert.False(ForgeTrigger.CountReached(both, 1));
        Assert.True(ForgeTrigger.IntervalDue(both, T0, T0.AddSeconds(9), 1));     // (A) before the count
    }
}
