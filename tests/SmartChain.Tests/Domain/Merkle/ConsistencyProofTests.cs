using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Domain.Merkle;

/// <summary>
/// RFC 6962 consistency proofs against transparency-dev/merkle testdata/consistency (the happy paths of cases 0–4
/// over the CT reference leaves, the "additional" edge cases) and the mutations that testdata applies to them.
/// </summary>
public class ConsistencyProofTests
{
    // The eight CT reference leaves (transparency-dev/merkle testonly LeafInputs).
    private static readonly List<byte[]> Leaves = new[]
    {
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    }
        .Select(h => MerkleTree.LeafHash(Convert.FromHexString(h)))
        .ToList();

    public static TheoryData<int, int, string, string, string[]> HappyPaths =>
        new()
        {
            {
                1,
                1,
                "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                []
            },
            {
                1,
                8,
                "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=",
                "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
                [
                    "lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=",
                    "Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=",
                    "a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ=",
                ]
            },
            {
                6,
                8,
                "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=",
                "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=",
                [
                    "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=",
                    "yoVOoSjtBQtBs1/8G4e46yveRh6eO1WW7Oa51ZdaCuA=",
                    "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=",
                ]
            },
            {
                2,
                5,
                "+sVCA+fMaWzw38tCySodnbr3CtnmIfS9jZhmLwDjwSU=",
                "Tju7H3tHjc/nH7YxYxUZo7yhLJrvyhYSv85ME6hiZNQ=",
                ["Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=", "vBoGQ7EuTS18d5GPROD095qDi2z57FtcKD4fTYhZnms="]
            },
            {
                6,
                7,
                "duZ9rbzfHhDht03cYIq9L5jfsW+851J3tSMqEn8gh+8=",
                "3bib5AOAnjJXUNPSY814kpwpQreUKjS3fhIslZSnTIw=",
                [
                    "DrxdNDf74tsVi58Sah0RjjCBgQMdCpSfje3t68VY72o=",
                    "sIaT7C5yFZcTBkHoIR5+7cy0wmQTlj7ubB4u0W/7Gl8=",
                    "037kGJdt2VdTwcc4Yrk5j6Kiz5tP8P3+izDNlSCWFLc=",
                ]
            },
        };

    [Theory]
    [MemberData(nameof(HappyPaths))]
    public void PublishedProofsVerifyAndAreWhatWeGenerate(
        int oldSize,
        int newSize,
        string oldRoot,
        string newRoot,
        string[] path
    )
    {
        var proof = new ConsistencyProof(oldSize, newSize, path.Select(Convert.FromBase64String).ToList());
        Assert.True(
            MerkleTree.VerifyConsistency(proof, Convert.FromBase64String(oldRoot), Convert.FromBase64String(newRoot))
        );
        Assert.Equal(Convert.FromBase64String(oldRoot), MerkleTree.RootFromLeafHashes(Leaves.Take(oldSize).ToList()));
        Assert.Equal(proof.Path, MerkleTree.ProveConsistency(Leaves.Take(newSize).ToList(), oldSize).Path);
    }

    [Theory]
    [MemberData(nameof(HappyPaths))]
    public void EveryMutationOfTheTestdataIsRefused(
        int oldSize,
        int newSize,
        string oldRoot,
        string newRoot,
        string[] path
    )
    {
        var root1 = Convert.FromBase64String(oldRoot);
        var root2 = Convert.FromBase64String(newRoot);
        var hashes = path.Select(Convert.FromBase64String).ToList();
        bool Verifies(long m, long n, IReadOnlyList<byte[]> p, byte[] r1, byte[] r2) =>
            MerkleTree.VerifyConsistency(new ConsistencyProof(m, n, p), r1, r2);

        var wrong = MerkleTree.LeafHash("WrongRoot"u8);
        Assert.False(Verifies(oldSize, newSize, hashes, wrong, root2)); // wrong-root1
        Assert.False(Verifies(oldSize, newSize, hashes, root1, wrong)); // wrong-root2
        Assert.False(Verifies(oldSize, newSize, hashes, root2, root1) && oldSize != newSize); // swapped-roots
        Assert.False(Verifies(oldSize, newSize, [.. hashes, wrong], root1, root2)); // trailing-garbage
        Assert.False(Verifies(oldSize, newSize, [wrong, .. hashes], root1, root2)); // preceding-garbage
        if (hashes.Count > 0)
        {
            Assert.False(Verifies(oldSize + 1, newSize, hashes, root1, root2)); // size1-plus-@1
            Assert.False(Verifies(oldSize - 1, newSize, hashes, root1, root2)); // size1-sub-@1
            Assert.False(Verifies(oldSize ^ 2, newSize, hashes, root1, root2)); // size1-XOR-@2
            Assert.False(Verifies(oldSize, newSize * 2, hashes, root1, root2)); // size2-mul-@2
            Assert.False(Verifies(oldSize, newSize / 2, hashes, root1, root2)); // size2-div-@2
            Assert.False(Verifies(oldSize, newSize, hashes[..^1], root1, root2)); // truncated-proof
            for (var i = 0; i < hashes.Count; i++)
            {
                var modified = hashes.Select(h => h.ToArray()).ToList();
                modified[i][4] ^= 1; // modified-proof@i-bit-@4
                Assert.False(Verifies(oldSize, newSize, modified, root1, root2));
            }
        }
    }

    [Fact]
    public void AdditionalEdgeCasesOfTheTestdata()
    {
        var empty = Convert.FromBase64String("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
        var one = "don't care 1"u8.ToArray().Concat(new byte[20]).ToArray();
        var two = "don't care 2"u8.ToArray().Concat(new byte[20]).ToArray();
        bool Verifies(long m, long n, byte[][] p, byte[] r1, byte[] r2) =>
            MerkleTree.VerifyConsistency(new ConsistencyProof(m, n, p), r1, r2);

        Assert.False(Verifies(0, 1, [empty], empty, empty)); // size1 zero is useless
        Assert.False(Verifies(0, 0, [], empty, two));
        Assert.False(Verifies(1, 1, [], empty, two));
        Assert.False(Verifies(2, 1, [], one, two));
        Assert.False(Verifies(1, 0, [], one, two));
        Assert.False(Verifies(0, 1, [], one, two));
        Assert.True(Verifies(1, 1, [], two, two));
        Assert.False(Verifies(1, 1, [], one, two));
        Assert.False(Verifies(0, 0, [], one, one)); // sizes equal zero: still refused
        Assert.False(Verifies(1, 2, [], one, two));
        Assert.False(Verifies(1, 1, [empty], empty, empty));
        Assert.False(Verifies(0, 0, [empty], empty, empty));
    }

    [Fact]
    public void GeneratedProofsVerifyForEverySizePairUpTo70()
    {
        var leaves = Enumerable.Range(0, 70).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        for (var n = 1; n <= leaves.Count; n++)
        {
            var tree = leaves.Take(n).ToList();
            var newRoot = MerkleTree.RootFromLeafHashes(tree);
            for (var m = 1; m <= n; m++)
            {
                var oldRoot = MerkleTree.RootFromLeafHashes(leaves.Take(m).ToList());
                var proof = MerkleTree.ProveConsistency(tree, m);
                Assert.True(MerkleTree.VerifyConsistency(proof, oldRoot, newRoot), $"{m} → {n}");
                Assert.False(MerkleTree.VerifyConsistency(proof, newRoot, oldRoot) && m != n);
            }
        }
    }

    [Fact]
    public void InclusionPlanHashesAreTheAuditPath()
    {
        var leaves = Enumerable.Range(0, 40).Select(i => MerkleTree.LeafHash(BitConverter.GetBytes(i))).ToList();
        for (var n = 1; n <= leaves.Count; n++)
        {
            var tree = leaves.Take(n).ToList();
            for (var i = 0; i < n; i++)
            {
                var planned = ProofPlan
                    .Inclusion(i, n)
                    .Select(r => MerkleTree.RootFromLeafHashes(tree.GetRange((int)r.Start, (int)r.Count)));
                Assert.Equal(MerkleTree.Prove(tree, i).AuditPath, planned);
            }
        }
    }
}
