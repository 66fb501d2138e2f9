using System.Numerics;

namespace SmartChain.Domain.Merkle;

/// <summary>
/// Which subtree hashes make up an RFC 6962 proof (§2.1.1 audit paths, §2.1.2 consistency proofs), as leaf ranges
/// in the order the proof lists them. Storage-free: a log answers a proof by computing each range's hash from the
/// nodes it stores (its tiles), a client from the tiles it fetched.
/// </summary>
public static class ProofPlan
{
    /// <summary>
    /// The audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.
    /// </summary>
    public static IReadOnlyList<LeafRange> Inclusion(long index, long size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var ranges = new List<LeafRange>();
        Path(index, 0, size, ranges);
        return ranges;
    }

    /// <summary>
    /// The consistency proof from the tree of <paramref name="oldSize"/> leaves to that of <paramref name="newSize"/>:
    /// empty when the old tree is empty or the sizes are equal.
    /// </summary>
    public static IReadOnlyList<LeafRange> Consistency(long oldSize, long newSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var ranges = new List<LeafRange>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(oldSize, 0, newSize, true, ranges);
        }

        return ranges;
    }

    // PATH(m, D[start:end]) of RFC 6962 §2.1.1, appended bottom-up.
    private static void Path(long m, long start, long end, List<LeafRange> ranges)
    {
        if (end - start <= 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(end - start);
        if (m < k)
        {
            Path(m, start, start + k, ranges);
            ranges.Add(new LeafRange(start + k, end));
        }
        else
        {
            Path(m - k, start + k, end, ranges);
            ranges.Add(new LeafRange(start, start + k));
        }
    }

    // SUBPROOF(m, D[start:end], b) of RFC 6962 §2.1.2.
    private static void SubProof(long m, long start, long end, bool wholeOldTree, List<LeafRange> ranges)
    {
        var n = end - start;
        if (m == n)
        {
            if (!wholeOldTree)
            {
                ranges.Add(new LeafRange(start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, wholeOldTree, ranges);
            ranges.Add(new LeafRange(start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, false, ranges);
            ranges.Add(new LeafRange(start, start + k));
        }
    }

    private static long LargestPowerOfTwoBelow(long n) => 1L << BitOperations.Log2((ulong)(n - 1));
}
