namespace SmartChain.Domain.Merkle;

/// <summary>
/// A perfect subtree of an RFC 6962 tree: the node at <paramref name="Height"/> (0 = a leaf hash) that covers
/// leaves [Index·2^Height, (Index+1)·2^Height). Such nodes never change once the log holds all their leaves,
/// which is what lets tiles store them once and forever.
/// </summary>
public readonly record struct TreeNode(int Height, long Index)
{
    public long FirstLeaf => Index << Height;
}
