using SmartChain.Domain.Log;

namespace SmartChain.Tests.Domain.Log;

public class CheckpointTests
{
    [Fact]
    public void BodyIsOriginSizeAndBase64RootEachEndingInANewline()
    {
        var root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var checkpoint = Checkpoint.Create("example.com/log", 20852163, root);
        Assert.Equal($"example.com/log\n20852163\n{Convert.ToBase64String(root)}\n", checkpoint.Text);
        Assert.Equal(checkpoint.Text, Checkpoint.TryParse(checkpoint.Text)!.Text);
        Assert.Equal(root, Checkpoint.TryParse(checkpoint.Text)!.RootHash);
    }

    [Theory]
    [InlineData("example.com/log\n020\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("example.com/log\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("example.com/log\n20\nAAAA\n")]
    [InlineData("example.com/log\n20\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("\n20\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void MalformedBodiesDoNotParse(string text) => Assert.Null(Checkpoint.TryParse(text));
}
