using SmartChain.Domain.Transactions;

namespace SmartChain.Tests.Domain.Transactions;

public sealed class TxIdTests
{
    [Theory]
    [InlineData("5018f0c3a1b0000000a1b2c3d400000001")] // node-assigned shape
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")] // a payload's SHA-256
    [InlineData("genesis-0")]
    [InlineData("a")]
    public void AcceptsEveryKindOfEntryIdAndWritesItBackAsIs(string text)
    {
        var id = TxId.TryParse(text);

        Assert.NotNull(id);
        Assert.Equal(text, id.Value.ToString());
        Assert.Equal(id, TxId.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ABC")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a|b")]
    [InlineData("a:b")] // the separator of a stored pending ref
    [InlineData("a\nb")] // the separator of a pending row
    public void RefusesWhatIsUnsafeInKeysAndRows(string? text)
    {
        Assert.Null(TxId.TryParse(text));
        if (text is not null)
        {
            Assert.Throws<ArgumentException>(() => TxId.Parse(text));
        }
    }

    [Fact]
    public void LengthIsBoundedAt128()
    {
        Assert.NotNull(TxId.TryParse(new string('a', TxId.MaxLength)));
        Assert.Null(TxId.TryParse(new string('a', TxId.MaxLength + 1)));
    }

    [Fact]
    public void SortsOrdinallyAsTableKeysDo()
    {
        var ids = new[] { "b", "a-", "a0", "a" }.Select(TxId.Parse).ToList();

        Assert.Equal(["a", "a-", "a0", "b"], ids.Order().Select(id => id.Value));
    }
}
