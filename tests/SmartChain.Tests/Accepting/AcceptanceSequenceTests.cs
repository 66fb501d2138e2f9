using SmartChain.FunctionApp.Accepting;

namespace SmartChain.Tests.Accepting;

public sealed class AcceptanceSequenceTests
{
    [Fact]
    public void RangeIsConsecutiveKeysOfOneMillisecondAndTag()
    {
        var sequence = new AcceptanceSequence(TimeProvider.System);
        var before = sequence.Next();

        var range = sequence.NextRange(99);

        Assert.Equal(99, range.Distinct().Count());
        Assert.All(
            range,
            seq => Assert.Equal(AcceptanceSequence.RangePrefix(range[0]), AcceptanceSequence.RangePrefix(seq))
        );
        Assert.Equal(range.Order(StringComparer.Ordinal), range);
        Assert.Equal(Counter(before) + 1, Counter(range[0]));
        Assert.Equal(Counter(range[0]) + 98, Counter(range[^1]));
        Assert.All(range, seq => Assert.Equal((7, seq), AcceptanceSequence.Locate(AcceptanceSequence.IdFor(7, seq))));
    }

    [Fact]
    public void RangeNeverWrapsTheCounterInTheMiddle()
    {
        var sequence = new AcceptanceSequence(TimeProvider.System, lastCounter: uint.MaxValue - 3);

        var range = sequence.NextRange(10);
        var next = sequence.Next();

        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), range.Select(Counter));
        Assert.Equal(10, Counter(next));
    }

    [Fact]
    public void RangeThatFitsBeforeTheWrapKeepsItsPlace()
    {
        var sequence = new AcceptanceSequence(TimeProvider.System, lastCounter: uint.MaxValue - 3);

        Assert.Equal([uint.MaxValue - 2L, uint.MaxValue - 1L, uint.MaxValue], sequence.NextRange(3).Select(Counter));
    }

    private static long Counter(string seq) => Convert.ToInt64(seq[^8..], 16);
}
