using SmartChain.Domain.Blocks;

namespace SmartChain.Tests.Domain.Blocks;

public sealed class BlockHashTests
{
    [Fact]
    public void ForgedBlockHashParsesAndWritesBackAsIs()
    {
        using var chain = Support.TestChain.Token();
        var text = chain.Blocks[0].Hash;

        Assert.Equal(text, BlockHash.Parse(text).ToString());
        Assert.Equal(BlockHash.Parse(text), BlockHash.TryParse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")] // genesis previous_hash
    [InlineData("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08")] // uppercase
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0")] // 63 characters
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08a")] // 65 characters
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0g")] // not hex
    public void RefusesAnythingButSixtyFourLowercaseHex(string? text)
    {
        Assert.Null(BlockHash.TryParse(text));
        if (text is not null)
        {
            Assert.Throws<ArgumentException>(() => BlockHash.Parse(text));
        }
    }
}
