using SmartChain.Domain.Merkle;

namespace SmartChain.Domain.Log;

/// <summary>
/// Where a tree node lives in tlog tiles and how to compute it from them. A node of height h = 8L + r is the Merkle
/// Tree Hash of 2^r consecutive hashes of a level-L tile (a tile is a whole height-8 subtree), so every node of the
/// tree — and so every proof — comes from tiles alone.
/// </summary>
public static class TileHashes
{
    /// <summary>The tile (level, index) holding <paramref name="node"/>, and which of its hashes make it.</summary>
    public static (int Level, long Index, int Offset, int Count) Locate(TreeNode node)
    {
        var level = node.Height / TileId.Height;
        var below = node.Height % TileId.Height;
        var first = node.Index << below;
        return (level, first / TileId.FullWidth, (int)(first % TileId.FullWidth), 1 << below);
    }

    /// <summary>
    /// The node's hash from the data of the tile <see cref="Locate"/> names (any width that covers it).
    /// </summary>
    /// <exception cref="InvalidDataException">The tile is too narrow for the node.</exception>
    public static byte[] Node(TreeNode node, ReadOnlySpan<byte> tile)
    {
        var (_, _, offset, count) = Locate(node);
        if (tile.Length < (offset + count) * TileId.HashSize)
        {
            throw new InvalidDataException($"tile of {tile.Length / TileId.HashSize} hashes cannot hold node {node}");
        }

        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = tile.Slice((offset + i) * TileId.HashSize, TileId.HashSize).ToArray();
        }

        return MerkleTree.RootFromLeafHashes(hashes);
    }

    /// <summary>The Merkle Tree Hash of a tile's hashes: for a full tile, the node its parent level stores.</summary>
    public static byte[] Root(ReadOnlySpan<byte> tile)
    {
        var hashes = new byte[tile.Length / TileId.HashSize][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = tile.Slice(i * TileId.HashSize, TileId.HashSize).ToArray();
        }

        return MerkleTree.RootFromLeafHashes(hashes);
    }
}
