using System.Numerics;
using System.Security.Cryptography;

namespace SmartChain.Domain.Merkle;

/// <summary>
/// The RFC 6962 (Certificate Transparency) Merkle Tree Hash over SHA-256: leaf and node hashing
/// with domain-separation prefixes, tree roots, and inclusion (audit path) proofs that any
/// RFC 6962 / RFC 9162 verifier accepts.
/// </summary>
public static class MerkleTree
{
    private const int HashSize = 32;
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    // Inputs up to this size are hashed from a stack copy; larger ones are streamed so that
    // big leaves never get copied onto the stack or the heap.
    private const int StackHashLimit = 1024;

    // One pending subtree per bit of the leaf count; an int count never needs more than 32.
    private const int MaxPendingSubtrees = 33;

    /// <summary>RFC 6962 leaf hash: SHA-256(0x00 || <paramref name="leafData"/>).</summary>
    public static byte[] LeafHash(ReadOnlySpan<byte> leafData)
    {
        var hash = new byte[HashSize];
        if (leafData.Length < StackHashLimit)
        {
            Span<byte> buffer = stackalloc byte[leafData.Length + 1];
            buffer[0] = LeafPrefix;
            leafData.CopyTo(buffer[1..]);
            SHA256.HashData(buffer, hash);
            return hash;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([LeafPrefix]);
        sha.AppendData(leafData);
        sha.GetHashAndReset(hash);
        return hash;
    }

    /// <summary>
    /// RFC 6962 interior node hash: SHA-256(0x01 || <paramref name="left"/> || <paramref name="right"/>).
    /// </summary>
    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        if (left.Length + right.Length < StackHashLimit)
        {
            Span<byte> buffer = stackalloc byte[left.Length + right.Length + 1];
            buffer[0] = NodePrefix;
            left.CopyTo(buffer[1..]);
            right.CopyTo(buffer[(1 + left.Length)..]);
            SHA256.HashData(buffer, hash);
            return hash;
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData([NodePrefix]);
        sha.AppendData(left);
        sha.AppendData(right);
        sha.GetHashAndReset(hash);
        return hash;
    }

    /// <summary>
    /// RFC 6962 §2.1 Merkle Tree Hash of the given 32-byte leaf hashes. The empty tree hashes to
    /// SHA-256 of no bytes; otherwise the tree splits at the largest power of two below the size.
    /// </summary>
    /// <exception cref="ArgumentException">A leaf hash is null or not 32 bytes long.</exception>
    public static byte[] RootFromLeafHashes(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var root = new byte[HashSize];
        if (leafHashes.Count == 0)
        {
            SHA256.HashData(ReadOnlySpan<byte>.Empty, root);
            return root;
        }

        SubtreeRoot(leafHashes, 0, leafHashes.Count, root);
        return root;
    }

    /// <summary>RFC 6962 §2.1.1 audit path for the leaf at <paramref name="leafIndex"/>.</summary>
    /// <exception cref="ArgumentException">The tree is empty or a leaf hash is not 32 bytes long.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leafIndex"/> is not a leaf of the
    /// tree.</exception>
    public static InclusionProof Prove(IReadOnlyList<byte[]> leafHashes, int leafIndex)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var size = leafHashes.Count;
        if (size == 0)
        {
            throw new ArgumentException("An empty tree has no leaves to prove.", nameof(leafHashes));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, size);
        _ = CheckedLeaf(leafHashes, leafIndex);

        // Walk PATH(m, D[start:start+count]) from the root down. The sibling subtrees are
        // disjoint, so hashing them all costs O(n) in total; the RFC lists them bottom-up.
        var path = new List<byte[]>(BitOperations.Log2((uint)size) + 1);
        var start = 0;
        var count = size;
        var index = leafIndex;
        while (count > 1)
        {
            var split = LargestPowerOfTwoBelow(count);
            var sibling = new byte[HashSize];
            if (index < split)
            {
                SubtreeRoot(leafHashes, start + split, count - split, sibling);
                count = split;
            }
            else
            {
                SubtreeRoot(leafHashes, start, split, sibling);
                start += split;
                index -= split;
                count -= split;
            }

            path.Add(sibling);
        }

        path.Reverse();
        return new InclusionProof(leafIndex, size, path);
    }

    /// <summary>
    /// Checks an inclusion proof with the RFC 9162 §2.1.3.2 algorithm. Returns false, never throws,
    /// for a malformed proof: out-of-range index or size, wrong path length or hash sizes.
    /// </summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, InclusionProof proof, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var path = proof.AuditPath;
        if (path is null || leafHash.Length != HashSize || root.Length != HashSize)
        {
            return false;
        }

        if (proof.LeafIndex < 0 || proof.LeafIndex >= proof.TreeSize)
        {
            return false;
        }

        // fn walks the leaf's position and sn the last leaf's position up the tree; where the
        // leaf is a right child (or the rightmost node with no right sibling) the path element
        // goes on the left.
        var fn = (ulong)proof.LeafIndex;
        var sn = (ulong)(proof.TreeSize - 1);
        Span<byte> r = stackalloc byte[HashSize];
        leafHash.CopyTo(r);

        foreach (var p in path)
        {
            if (p is null || p.Length != HashSize || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                HashPair(p, r, r);
                // A rightmost node without sibling is promoted unchanged through the levels
                // where it stands alone.
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                HashPair(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.SequenceEqual(root);
    }

    /// <summary>
    /// RFC 6962 §2.1.2 consistency proof from the first <paramref name="oldSize"/> leaves to the whole tree.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="oldSize"/> is negative or past the
    /// tree.</exception>
    public static ConsistencyProof ProveConsistency(IReadOnlyList<byte[]> leafHashes, int oldSize)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var path = ProofPlan
            .Consistency(oldSize, leafHashes.Count)
            .Select(range => range.Hash(node => NodeOf(leafHashes, node)))
            .ToList();
        return new ConsistencyProof(oldSize, leafHashes.Count, path);
    }

    /// <summary>
    /// Checks a consistency proof with the RFC 9162 §2.1.4.2 algorithm. Sizes must satisfy 0 &lt; old ≤ new (an empty
    /// old tree proves nothing, as in transparency-dev/merkle); equal sizes need an empty proof and equal roots.
    /// Returns false, never throws, for a malformed proof.
    /// </summary>
    public static bool VerifyConsistency(ConsistencyProof proof, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var path = proof.Path;
        if (
            path is null
            || oldRoot.Length != HashSize
            || newRoot.Length != HashSize
            || proof.OldSize <= 0
            || proof.OldSize > proof.NewSize
            || path.Any(p => p is null || p.Length != HashSize)
        )
        {
            return false;
        }

        if (proof.OldSize == proof.NewSize)
        {
            return path.Count == 0 && oldRoot.SequenceEqual(newRoot);
        }

        // An old tree that is a perfect subtree is itself the first node of the path; the proof omits it.
        var nodes = IsPowerOfTwo(proof.OldSize) ? [oldRoot.ToArray(), .. path] : path.ToList();
        if (nodes.Count == 0)
        {
            return false;
        }

        var fn = (ulong)(proof.OldSize - 1);
        var sn = (ulong)(proof.NewSize - 1);
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        Span<byte> fr = stackalloc byte[HashSize];
        Span<byte> sr = stackalloc byte[HashSize];
        nodes[0].CopyTo(fr);
        nodes[0].CopyTo(sr);
        foreach (var c in nodes.Skip(1))
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                HashPair(c, fr, fr);
                HashPair(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                HashPair(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr.SequenceEqual(oldRoot) && sr.SequenceEqual(newRoot);
    }

    private static bool IsPowerOfTwo(long n) => (n & (n - 1)) == 0;

    private static byte[] NodeOf(IReadOnlyList<byte[]> leafHashes, TreeNode node)
    {
        var root = new byte[HashSize];
        SubtreeRoot(leafHashes, checked((int)node.FirstLeaf), 1 << node.Height, root);
        return root;
    }

    // Root of D[start:start+count] with O(log n) state: a stack of perfect subtrees of
    // strictly decreasing size, merged whenever two equal sizes meet and folded from the right
    // at the end, which yields exactly the RFC's "split at the largest power of two" shape.
    private static void SubtreeRoot(IReadOnlyList<byte[]> leafHashes, int start, int count, Span<byte> destination)
    {
        Span<byte> stack = stackalloc byte[MaxPendingSubtrees * HashSize];
        var depth = 0;
        for (var i = 0; i < count; i++)
        {
            CheckedLeaf(leafHashes, start + i).CopyTo(stack.Slice(depth * HashSize, HashSize));
            depth++;

            // Each trailing zero bit of the new count is one pair of equal-sized subtrees to merge.
            for (var merged = i + 1; (merged & 1) == 0; merged >>= 1)
            {
                depth--;
                var left = stack.Slice((depth - 1) * HashSize, HashSize);
                HashPair(left, stack.Slice(depth * HashSize, HashSize), left);
            }
        }

        depth--;
        var root = stack.Slice(depth * HashSize, HashSize);
        while (depth > 0)
        {
            depth--;
            HashPair(stack.Slice(depth * HashSize, HashSize), root, root);
        }

        root.CopyTo(destination);
    }

    // destination may alias either input: both are copied before hashing.
    private static void HashPair(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        SHA256.HashData(buffer, destination);
    }

    private static byte[] CheckedLeaf(IReadOnlyList<byte[]> leafHashes, int index)
    {
        var hash = leafHashes[index];
        if (hash is null || hash.Length != HashSize)
        {
            throw new ArgumentException($"Leaf hash {index} must be {HashSize} bytes.", nameof(leafHashes));
        }

        return hash;
    }

    private static int LargestPowerOfTwoBelow(int n) => 1 << BitOperations.Log2((uint)(n - 1));
}
