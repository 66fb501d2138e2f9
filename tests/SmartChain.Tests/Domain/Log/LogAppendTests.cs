using System.Security.Cryptography;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Domain.Log;

/// <summary>Tiles built incrementally hold the tree of the definition, and every proof computed from them.</summary>
public class LogAppendTests
{
    [Fact]
    public void IncrementalTilesMatchTheDefinitionAndTheRootAcrossLevels()
    {
        var leaves = Enumerable.Range(0, 70_000).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        var tiles = new Dictionary<(int, long), byte[]>();
        var size = 0L;
        // Chunks that cross 256 and 65,536 in every way: single leaves, a tile and a bit, a block of 10,000.
        foreach (var chunk in new[] { 1, 254, 1, 1, 300, 10_000, 55_000, 0, 3, 4_441 })
        {
            var partial = TileId
                .PartialTiles(size)
                .ToDictionary(t => t.Level, t => tiles[(t.Level, t.Index)][..(t.Width * 32)]);
            var append = LogAppend.Of(size, partial, leaves.Skip((int)size).Take(chunk).ToList());
            foreach (var (tile, data) in append.Tiles)
            {
                Assert.Equal(tile.Width * 32, data.Length);
                tiles[(tile.Level, tile.Index)] = data;
            }

            size = append.NewSize;
            Assert.Equal(MerkleTree.RootFromLeafHashes(leaves.Take((int)size).ToList()), append.Root);
        }

        Assert.Equal(70_000, size);
        // MTH(D[(n·256 + i)·256^l : (n·256 + i + 1)·256^l]) for tiles of every level.
        foreach (var (level, index) in new[] { (0, 0L), (0, 273L), (1, 0L), (1, 1L), (2, 0L) })
        {
            var data = tiles[(level, index)];
            for (var i = 0; i < data.Length / 32; i++)
            {
                var span = 1 << (8 * level);
                var start = (int)(((index * 256) + i) * span);
                Assert.Equal(
                    MerkleTree.RootFromLeafHashes(leaves.GetRange(start, span)),
                    data[(i * 32)..((i + 1) * 32)]
                );
            }
        }

        Assert.Equal(17 * 32, tiles[(1, 1)].Length);
        Assert.Equal(32, tiles[(2, 0)].Length);

        // Proofs from tiles equal proofs from the whole tree.
        byte[] Node(TreeNode node)
        {
            var (level, index, _, _) = TileHashes.Locate(node);
            return TileHashes.Node(node, tiles[(level, index)]);
        }

        foreach (var (index, treeSize) in new[] { (0L, 70_000L), (69_999L, 70_000L), (65_535L, 65_537L), (300L, 512L) })
        {
            var expected = MerkleTree.Prove(leaves.Take((int)treeSize).ToList(), (int)index).AuditPath;
            Assert.Equal(expected, ProofPlan.Inclusion(index, treeSize).Select(r => r.Hash(Node)));
        }

        foreach (var (oldSize, newSize) in new[] { (1, 70_000), (256, 65_536), (65_536, 70_000), (257, 66_000) })
        {
            var expected = MerkleTree.ProveConsistency(leaves.Take(newSize).ToList(), oldSize).Path;
            Assert.Equal(expected, ProofPlan.Consistency(oldSize, newSize).Select(r => r.Hash(Node)));
        }
    }

    [Fact]
    public void AppendingToAnEmptyLogWithNothingGivesTheEmptyRoot()
    {
        var append = LogAppend.Of(0, new Dictionary<int, byte[]>(), []);
        Assert.Equal(SHA256.HashData(Array.Empty<byte>()), append.Root);
        Assert.Empty(append.Tiles);
    }

    [Fact]
    public void AMissingPartialTileIsRefused() =>
        Assert.Throws<ArgumentException>(() => LogAppend.Of(300, new Dictionary<int, byte[]>(), [new byte[32]]));

    [Fact]
    public void EntryBundlesRoundTripAndRefuseOversizedEntries()
    {
        byte[][] entries =
        [
            [],
            [1, 2, 3],
            new byte[EntryBundle.MaxEntrySize],
        ];
        var bundle = EntryBundle.Encode(entries);
        Assert.Equal([0, 0, 0, 3, 1, 2, 3, 0xff, 0xff], bundle[..9]);
        Assert.Equal(entries, EntryBundle.TryDecode(bundle));
        Assert.Null(EntryBundle.TryDecode(bundle[..^1]));
        Assert.Throws<ArgumentException>(() => EntryBundle.Encode([new byte[EntryBundle.MaxEntrySize + 1]]));
    }
}
