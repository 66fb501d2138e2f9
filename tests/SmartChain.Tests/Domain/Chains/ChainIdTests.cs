using SmartChain.Domain.Chains;

namespace SmartChain.Tests.Domain.Chains;

public sealed class ChainIdTests
{
    [Theory]
    [InlineData("aka")]
    [InlineData("a")]
    [InlineData("0")]
    [InlineData("bpsc-103")]
    [InlineData("-")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32 characters
    public void AcceptsOneToThirtyTwoOfLowercaseDigitsAndDash(string text)
    {
        var id = ChainId.TryParse(text);

        Assert.NotNull(id);
        Assert.Equal(text, id.Value.Value);
        Assert.Equal(text, ChainId.Parse(text).ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33 characters
    [InlineData("AKA")]
    [InlineData("Aka")]
    [InlineData("a_b")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a|b")]
    [InlineData("a.b")]
    [InlineData("é")]
    [InlineData("ａｋａ")] // full-width letters
    [InlineData("aka\n")]
    public void RefusesAnythingElse(string? text)
    {
        Assert.Null(ChainId.TryParse(text));
        if (text is not null)
        {
            Assert.Throws<ArgumentException>(() => ChainId.Parse(text));
        }
    }
}
