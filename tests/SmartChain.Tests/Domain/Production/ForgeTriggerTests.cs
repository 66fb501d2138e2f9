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

    // The head block forged at T0 (one second after the 12:00:00 tick); something accepted since, unless said
    // otherwise.
    private static PendingState Waiting(long count) => new(count, T0.AddMilliseconds(100));

    [Fact]
    public void IntervalIsDueOnceATickFellAfterTheHeadBlock()
    {
        Assert.False(ForgeTrigger.Due(EveryTenSeconds, T0, Waiting(1), T0.AddSeconds(8.999)));
        // the tick itself (12:00:10) counts
        Assert.True(ForgeTrigger.Due(EveryTenSeconds, T0, Waiting(1), T0.AddSeconds(9)));
        Assert.True(ForgeTrigger.Due(EveryTenSeconds, T0, Waiting(1), T0.AddSeconds(35))); // missed ticks fold into one
    }

    [Fact]
    public void ABlockAtTheTickMakesTheNextTickTheNextDeadline()
    {
        var forgedAtTick = new DateTimeOffset(2025, 3, 1, 12, 0, 10, 300, TimeSpan.Zero);
        var waiting = new PendingState(1, forgedAtTick.AddSeconds(1));
        Assert.False(ForgeTrigger.Due(EveryTenSeconds, forgedAtTick, waiting, forgedAtTick.AddSeconds(9)));
        Assert.True(ForgeTrigger.Due(EveryTenSeconds, forgedAtTick, waiting, forgedAtTick.AddMilliseconds(9_700)));
    }

    [Fact]
    public void AnEntryAcceptedAfterAQuietSpellWaitsForTheNextTickNotTheNextCheck()
    {
        // The head is an hour old; an entry accepted at 13:00:07 is forged at the 13:00:10 tick, not at 13:00:08.
        var accepted = T0.AddHours(1).AddSeconds(6);
        Assert.False(ForgeTrigger.Due(EveryTenSeconds, T0, new PendingState(1, accepted), accepted.AddSeconds(1)));
        Assert.True(ForgeTrigger.Due(EveryTenSeconds, T0, new PendingState(1, accepted), accepted.AddSeconds(3)));
    }

    [Fact]
    public void EntriesLeftOverFromAFullBlockWaitForTheTickAfterThatBlock()
    {
        var leftOver = new PendingState(5, T0.AddSeconds(-30));
        Assert.False(ForgeTrigger.Due(EveryTenSeconds, T0, leftOver, T0.AddSeconds(8)));
        Assert.True(ForgeTrigger.Due(EveryTenSeconds, T0, leftOver, T0.AddSeconds(9)));
    }

    [Fact]
    public void EmptyTickForgesOnlyForAHeartbeatPolicy()
    {
        Assert.False(ForgeTrigger.Due(EveryTenSeconds, T0, PendingState.None, T0.AddSeconds(20)));
        Assert.True(
            ForgeTrigger.Due(EveryTenSeconds with { Heartbeat = true }, T0, PendingState.None, T0.AddSeconds(20))
        );
        Assert.False(
            ForgeTrigger.Due(EveryTenSeconds with { Heartbeat = true }, T0, PendingState.None, T0.AddSeconds(5))
        );
    }

    [Fact]
    public void CountOnlyPolicyIsDueAtTheCountAndNeverOnTime()
    {
        var countThree = new ProductionPolicy { Count = 3 };
        Assert.False(ForgeTrigger.Due(countThree, T0, Waiting(2), T0.AddDays(1)));
        Assert.True(ForgeTrigger.Due(countThree, T0, Waiting(3), T0));
    }

    [Fact]
    public void WhicheverComesFirst()
    {
        var both = new ProductionPolicy { Interval = "*/10 * * * * *", Count = 3 };

        Assert.True(ForgeTrigger.Due(both, T0, Waiting(3), T0.AddSeconds(1))); // (B) before the tick
        Assert.False(ForgeTrigger.Due(both, T0, Waiting(1), T0.AddSeconds(1)));
        Assert.True(ForgeTrigger.Due(both, T0, Waiting(1), T0.AddSeconds(9))); // (A) before the count
    }
}
