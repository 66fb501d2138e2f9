namespace SmartChain.Domain.Merkle;

/// <summary>
/// Inclusion proofs from a tree's leaf hashes stored in aligned chunks of <see cref="ChunkSize"/> leaves plus the root
/// of each chunk, so that proving one leaf needs one chunk and the chunk roots instead of every leaf. In an RFC 6962
/// tree every aligned chunk of a power-of-two size (the last one possibly partial) is a subtree: the tree splits at
/// the largest power of two below its size, which is a multiple of the chunk size while the size exceeds it. So the
/// tree over the chunk roots, hashed as if they were leaf hashes, is the top of the same tree, and a leaf's audit
/// path is its path inside its chunk followed by its chunk's path among the chunk roots.
/// </summary>
public static class ChunkedProof
{
    public const int ChunkSize = 256;

    /// <summary>The roots of the aligned chunks of <paramref name="leafHashes"/>, in order.</summary>
    public static IReadOnlyList<byte[]> ChunkRoots(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var roots = new List<byte[]>((leafHashes.Count + ChunkSize - 1) / ChunkSize);
        for (var start = 0; start < leafHashes.Count; start += ChunkSize)
        {
            roots.Add(MerkleTree.RootFromLeafHashes(Chunk(leafHashes, start)));
        }

        return roots;
    }

    /// <summary>
    /// The audit path of leaf <paramref name="leafIndex"/> of a tree of <paramref name="treeSize"/> leaves, from the
    /// leaf hashes of the leaf's chunk and the roots of all chunks.
    /// </summary>
    /// <exception cref="ArgumentException">The chunk or the chunk roots do not fit the tree's size.</exception>
    public static InclusionProof Prove(
        IReadOnlyList<byte[]> chunkLeafHashes,
        IReadOnlyList<byte[]> chunkRoots,
        int treeSize,
        int leafIndex
    )
    {
        ArgumentNullException.ThrowIfNull(chunkLeafHashes);
        ArgumentNullException.ThrowIfNull(chunkRoots);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);
        var chunk = leafIndex / ChunkSize;
        if (
            chunkRoots.Count != (treeSize + ChunkSize - 1) / ChunkSize
            || chunkLeafHashes.Count != Math.Min(ChunkSize, treeSize - (chunk * ChunkSize))
        )
        {
            throw new ArgumentException($"a tree of {treeSize} leaves has other chunks than the ones given");
        }

        var inside = MerkleTree.Prove(chunkLeafHashes, leafIndex % ChunkSize).AuditPath;
        var above = chunkRoots.Count > 1 ? MerkleTree.Prove(chunkRoots, chunk).AuditPath : [];
        return new InclusionProof(leafIndex, treeSize, [.. inside, .. above]);
    }

    private static byte[][] Chunk(IReadOnlyList<byte[]> leafHashes, int start)
    {
        var chunk = new byte[Math.Min(ChunkSize, leafHashes.Count - start)][];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = leafHashes[start + i];
        }

        return chunk;
    }
}
