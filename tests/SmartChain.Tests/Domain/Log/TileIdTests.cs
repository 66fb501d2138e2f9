using SmartChain.Domain.Log;

namespace SmartChain.Tests.Domain.Log;

/// <summary>c2sp.org/tlog-tiles path encoding and partial tiles, with the spec's own examples.</summary>
public class TileIdTests
{
    [Theory]
    [InlineData(1234067L, "x001/x234/067")] // the spec's example
    [InlineData(0L, "000")]
    [InlineData(5L, "005")]
    [InlineData(999L, "999")]
    [InlineData(1000L, "x001/000")]
    [InlineData(1_000_000L, "x001/x000/000")]
    public void IndexIsEncodedInThreeDigitGroupsWithXPrefixes(long index, string encoded)
    {
        Assert.Equal(encoded, TileId.EncodeIndex(index));
        Assert.Equal(new TileId(0, index, 256), TileId.TryParse($"tile/0/{encoded}"));
    }

    [Theory]
    [InlineData(0, 1234067L, 256, "tile/0/x001/x234/067")]
    [InlineData(2, 0L, 1, "tile/2/000.p/1")]
    [InlineData(1, 1L, 17, "tile/1/001.p/17")]
    [InlineData(TileId.EntriesLevel, 273L, 112, "tile/entries/273.p/112")]
    [InlineData(TileId.EntriesLevel, 1000L, 256, "tile/entries/x001/000")]
    public void PathsRoundTrip(int level, long index, int width, string path)
    {
        Assert.Equal(path, new TileId(level, index, width).Path);
        Assert.Equal(new TileId(level, index, width), TileId.TryParse(path));
    }

    [Theory]
    [InlineData("tile/0/5")]
    [InlineData("tile/0/x000/005")]
    [InlineData("tile/0/001/002")]
    [InlineData("tile/00/005")]
    [InlineData("tile/64/005")]
    [InlineData("tile/0/005.p/256")]
    [InlineData("tile/0/005.p/0")]
    [InlineData("tile/0/005.p/07")]
    [InlineData("tile/0/x1/005")]
    [InlineData("tile/entries")]
    [InlineData("tiles/0/005")]
    public void NonCanonicalPathsAreRefused(string path) => Assert.Null(TileId.TryParse(path));

    [Fact]
    public void TreeOf70000HasTheSpecsPartialTiles()
    {
        // "273 full level 0 tiles, one partial level 0 tile of width 112, one full level 1 tile, one partial level 1
        // tile of width 17, and one partial level 2 tile of width 1".
        Assert.Equal([new(0, 273, 112), new(1, 1, 17), new(2, 0, 1)], TileId.PartialTiles(70_000));
        Assert.Equal(new TileId(0, 272, 256), TileId.At(0, 272, 70_000));
        Assert.Equal(new TileId(1, 0, 256), TileId.At(1, 0, 70_000));
    }

    [Theory]
    [InlineData(255L, "0/0/255")]
    [InlineData(256L, "1/0/1")] // "a tree of size 256 … a full level 0 tile and a partial level 1 tile of width 1"
    [InlineData(257L, "0/1/1 1/0/1")]
    [InlineData(511L, "0/1/255 1/0/1")]
    [InlineData(512L, "1/0/2")]
    [InlineData(65_535L, "0/255/255 1/0/255")]
    [InlineData(65_536L, "2/0/1")]
    [InlineData(65_537L, "0/256/1 2/0/1")]
    [InlineData(65_792L, "1/1/1 2/0/1")]
    public void PartialTilesAroundTileBoundaries(long size, string expected)
    {
        var tiles = string.Join(' ', TileId.PartialTiles(size).Select(t => $"{t.Level}/{t.Index}/{t.Width}"));
        Assert.Equal(expected, tiles);
    }
}
