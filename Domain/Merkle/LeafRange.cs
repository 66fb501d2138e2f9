using System.Numerics;
using System.Security.Cryptography;

namespace SmartChain.Domain.Merkle;

/// <summary>
/// The leaves [<paramref name="Start"/>, <paramref name="End"/>) of a log, whose RFC 6962 Merkle Tree Hash is one
/// element of a proof. Every range a proof names starts at a multiple of the largest power of two that fits in it,
/// so it splits into perfect subtrees (<see cref="Subtrees"/>) and its hash can be computed from stored nodes alone.
/// </summary>
public readonly record struct LeafRange(long Start, long End)
{
    public long Count => End - Start;

    /// <summary>The perfect subtrees that make up the range, left to right, largest first.</summary>
    public IReadOnlyList<TreeNode> Subtrees()
    {
        var nodes = new List<TreeNode>();
        var start = Start;
        while (start < End)
        {
            var height = BitOperations.Log2((ulong)(End - start));
            // Alignment holds for every range of a proof plan; a misaligned one is a bug in the caller.
            if (start % (1L << height) != 0)
            {
                throw new InvalidOperationException($"leaf range [{Start}, {End}) is not made of aligned subtrees");
            }

            nodes.Add(new TreeNode(height, start >> height));
            start += 1L << height;
        }

        return nodes;
    }

    /// <summary>
    /// RFC 6962 Merkle Tree Hash of the range from the hashes of its perfect subtrees: the RFC splits at the largest
    /// power of two, so the tree folds from the right. The empty range hashes to SHA-256 of no bytes.
    /// </summary>
    public byte[] Hash(Func<TreeNode, byte[]> node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var subtrees = Subtrees();
        if (subtrees.Count == 0)
        {
            return SHA256.HashData(ReadOnlySpan<byte>.Empty);
        }

        var hash = node(subtrees[^1]);
        for (var i = subtrees.Count - 2; i >= 0; i--)
        {
            hash = MerkleTree.NodeHash(node(subtrees[i]), hash);
        }

        return hash;
    }
}
