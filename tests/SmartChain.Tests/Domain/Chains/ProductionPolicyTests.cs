using SmartChain.Domain.Chains;

namespace SmartChain.Tests.Domain.Chains;

public sealed class ProductionPolicyTests
{
    private static readonly DateTimeOffset Noon = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NeitherIntervalNorCountIsManual()
    {
        Assert.True(ProductionPolicy.Manual.IsManual);
        Assert.Null(ProductionPolicy.Manual.Validate());
        Assert.Null(ProductionPolicy.Manual.NextTick(Noon));
        Assert.False(new ProductionPolicy { Count = 1 }.IsManual);
        Assert.False(new ProductionPolicy { Interval = "*/10 * * * * *" }.IsManual);
    }

    [Theory]
    [InlineData("*/10 * * * * *", null, false)]
    [InlineData("0 * * * * *", null, true)]
    [InlineData(null, 1, false)]
    [InlineData(null, 10_000, false)]
    [InlineData("*/1 * * * * *", 50, true)]
    public void ValidPoliciesPass(string? interval, int? count, bool heartbeat)
    {
        Assert.Null(
            new ProductionPolicy
            {
                Interval = interval,
                Count = count,
                Heartbeat = heartbeat,
            }.Validate()
        );
    }

    [Theory]
    [InlineData(null, 0, false, "count")]
    [InlineData(null, -1, false, "count")]
    [InlineData(null, 10_001, false, "count")]
    [InlineData("*/5 * * * *", null, false, "six-field")] // five fields: minutes first, not the Functions timer's form
    [InlineData("every ten seconds", null, false, "six-field")]
    [InlineData("", null, false, "six-field")]
    [InlineData("61 * * * * *", null, false, "six-field")]
    [InlineData(null, 5, true, "heartbeat")] // a heartbeat needs an interval to beat on
    public void InvalidPoliciesSayWhy(string? interval, int? count, bool heartbeat, string reason)
    {
        var error = new ProductionPolicy
        {
            Interval = interval,
            Count = count,
            Heartbeat = heartbeat,
        }.Validate();

        Assert.NotNull(error);
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("2025-03-01T12:00:03Z", "2025-03-01T12:00:10Z")]
    [InlineData("2025-03-01T12:00:09.999Z", "2025-03-01T12:00:10Z")]
    [InlineData("2025-03-01T12:00:10Z", "2025-03-01T12:00:20Z")] // strictly after: a tick at "now" is not next
    [InlineData("2025-03-01T12:00:55Z", "2025-03-01T12:01:00Z")]
    [InlineData("2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z")]
    public void NextTickIsTheFirstIntervalTickStrictlyAfter(string after, string expected)
    {
        var policy = new ProductionPolicy { Interval = "*/10 * * * * *" };

        Assert.Equal(
            DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            policy.NextTick(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    [Fact]
    public void NextTickIsComputedInUtcWhateverTheOffsetGiven()
    {
        var policy = new ProductionPolicy { Interval = "0 0 * * * *" }; // on the hour
        var afterInParis = new DateTimeOffset(2025, 3, 1, 13, 30, 0, TimeSpan.FromHours(1)); // 12:30 UTC

        Assert.Equal(new DateTimeOffset(2025, 3, 1, 13, 0, 0, TimeSpan.Zero), policy.NextTick(afterInParis));
    }

    [Fact]
    public void CountOnlyPolicyHasNoTick()
    {
        Assert.Null(new ProductionPolicy { Count = 3 }.NextTick(Noon));
    }
}
