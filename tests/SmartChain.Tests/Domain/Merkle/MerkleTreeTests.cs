using System.Numerics;
using System.Security.Cryptography;
using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Domain.Merkle;

public class MerkleTreeTests
{
    // Certificate Transparency reference data, from transparency-dev/merkle testonly/constants.go
    // (LeafInputs, NodeHashes, RootHashes, EmptyRootHash), which carries over the vectors of
    // google/certificate-transparency's merkle_tree_test.cc.
    private static readonly string[] LeafInputs =
    [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ];

    // NodeHashes()[level][index]: level 0 are the leaf hashes.
    private static readonly string[][] NodeHashes =
    [
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
            "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
            "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
        ],
        [
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
        ],
        [
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
        ["5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"],
    ];

    // RootHashes(), indexed by tree size.
    private static readonly string[] RootHashes =
    [
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    ];

    // Inclusion proofs of transparency-dev/merkle cmd/proofgen/main.go (inclusionProofs), with the
    // zero-based leaf indices used by its generated testdata/inclusion/*/happy-path.json files.
    public static TheoryData<int, int, string[]> InclusionVectors =>
        new()
        {
            { 0, 1, [] },
            {
                0,
                8,
                [
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
                ]
            },
            {
                5,
                8,
                [
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                ]
            },
            { 2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"] },
            {
                1,
                5,
                [
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                ]
            },
        };

    // sha256SomeHash of transparency-dev/merkle cmd/proofgen/main.go.
    private static readonly byte[] SomeHash = Convert.FromHexString(
        "abacaba000000000000000000000000000000000000000000060061e00123456"
    );

    private static byte[][] ReferenceLeafHashes(int count) =>
        LeafInputs.Take(count).Select(input => MerkleTree.LeafHash(Convert.FromHexString(input))).ToArray();

    [Fact]
    public void Leaf_hashes_match_reference()
    {
        for (var i = 0; i < LeafInputs.Length; i++)
        {
            Assert.Equal(
                NodeHashes[0][i],
                Convert.ToHexStringLower(MerkleTree.LeafHash(Convert.FromHexString(LeafInputs[i])))
            );
        }
    }

    [Fact]
    public void Node_hashes_match_reference()
    {
        for (var level = 1; level < NodeHashes.Length; level++)
        {
            for (var i = 0; i < NodeHashes[level].Length; i++)
            {
                var left = Convert.FromHexString(NodeHashes[level - 1][2 * i]);
                var right = Convert.FromHexString(NodeHashes[level - 1][(2 * i) + 1]);
                Assert.Equal(NodeHashes[level][i], Convert.ToHexStringLower(MerkleTree.NodeHash(left, right)));
            }
        }
    }

    [Fact]
    public void Roots_of_trees_of_size_0_to_8_match_reference()
    {
        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(
                RootHashes[size],
                Convert.ToHexStringLower(MerkleTree.RootFromLeafHashes(ReferenceLeafHashes(size)))
            );
        }
    }

    [Fact]
    public void Hashing_large_inputs_matches_direct_sha256()
    {
        var data = new byte[5000];
        new Random(6962).NextBytes(data);

        Assert.Equal(SHA256.HashData([0x00, .. data]), MerkleTree.LeafHash(data));
        Assert.Equal(SHA256.HashData([0x01, .. data, .. data[..100]]), MerkleTree.NodeHash(data, data.AsSpan(0, 100)));
    }

    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Reference_inclusion_proofs_are_produced_and_verified(int leafIndex, int treeSize, string[] expectedPath)
    {
        var leaves = ReferenceLeafHashes(treeSize);
        var root = Convert.FromHexString(RootHashes[treeSize]);

        var proof = MerkleTree.Prove(leaves, leafIndex);

        Assert.Equal(leafIndex, proof.LeafIndex);
        Assert.Equal(treeSize, proof.TreeSize);
        Assert.Equal(expectedPath, proof.AuditPath.Select(Convert.ToHexStringLower));
        Assert.True(MerkleTree.VerifyInclusion(leaves[leafIndex], proof, root));
    }

    // The corruptions transparency-dev/merkle cmd/proofgen/main.go applies to every reference proof
    // (invalidInclusionProof); each one must be rejected.
    [Theory]
    [MemberData(nameof(InclusionVectors))]
    public void Corrupted_reference_inclusion_proofs_are_rejected(int leafIndex, int treeSize, string[] expectedPath)
    {
        var leafHash = ReferenceLeafHashes(treeSize)[leafIndex];
        var root = Convert.FromHexString(RootHashes[treeSize]);
        var emptyRoot = Convert.FromHexString(RootHashes[0]);
        var path = expectedPath.Select(Convert.FromHexString).ToArray();

        InclusionProof With(long index = -2, long size = -2, byte[][]? auditPath = null) =>
            new(index == -2 ? leafIndex : index, size == -2 ? treeSize : size, auditPath ?? path);

        Assert.True(MerkleTree.VerifyInclusion(leafHash, With(), root));

        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(index: leafIndex - 1), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(index: leafIndex + 1), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(index: leafIndex ^ 2), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(size: treeSize * 2), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(size: treeSize / 2), root));
        Assert.False(MerkleTree.VerifyInclusion("WrongLeaf"u8, With(), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(), emptyRoot));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(), SomeHash));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(auditPath: [.. path, []]), root));
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(auditPath: [.. path, root]), root));
        Assert.False(
            MerkleTree.VerifyInclusion(
                leafHash,
                With(
                    auditPath:
                    [
                        [],
                        .. path,
                    ]
                ),
                root
            )
        );
        Assert.False(MerkleTree.VerifyInclusion(leafHash, With(auditPath: [root, .. path]), root));

        for (var i = 0; i < path.Length; i++)
        {
            var modified = path.Select(p => (byte[])p.Clone()).ToArray();
            modified[i][0] ^= 8;
            Assert.False(MerkleTree.VerifyInclusion(leafHash, With(auditPath: modified), root));
        }

        if (path.Length > 0)
        {
            Assert.False(MerkleTree.VerifyInclusion(leafHash, With(auditPath: path[..^1]), root));
        }

        if (path.Length > 1)
        {
            Assert.False(
                MerkleTree.VerifyInclusion(leafHash, With(auditPath: [path[0], SomeHash, .. path[1..]]), root)
            );
        }
    }

    // transparency-dev/merkle cmd/proofgen/main.go staticInclusionProbes and singleEntryInclusionProbes.
    [Fact]
    public void Degenerate_inclusion_probes_are_rejected()
    {
        var emptyRoot = Convert.FromHexString(RootHashes[0]);
        (long Index, long Size)[] shapes = [(0, 0), (0, 1), (1, 0), (2, 1)];
        foreach (var (index, size) in shapes)
        {
            var proof = new InclusionProof(index, size, []);
            Assert.False(MerkleTree.VerifyInclusion(SomeHash, proof, []));
            Assert.False(MerkleTree.VerifyInclusion([], proof, emptyRoot));
            Assert.False(MerkleTree.VerifyInclusion(SomeHash, proof, emptyRoot));
        }

        var hash = MerkleTree.LeafHash("data"u8);
        var single = new InclusionProof(0, 1, []);
        Assert.True(MerkleTree.VerifyInclusion(hash, single, hash));
        Assert.False(MerkleTree.VerifyInclusion([], single, hash));
        Assert.False(MerkleTree.VerifyInclusion(hash, single, []));
        Assert.False(MerkleTree.VerifyInclusion([], single, []));
    }

    [Fact]
    public void Every_leaf_of_random_trees_up_to_70_leaves_proves_and_verifies()
    {
        var random = new Random(70);
        for (var size = 1; size <= 70; size++)
        {
            var leaves = RandomLeafHashes(random, size);
            var root = MerkleTree.RootFromLeafHashes(leaves);
            Assert.Equal(ReferenceRoot(leaves), root);

            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.Prove(leaves, index);
                Assert.Equal(ReferencePath(leaves, index), proof.AuditPath);
                Assert.True(MerkleTree.VerifyInclusion(leaves[index], proof, root), $"leaf {index} of {size}");
            }
        }
    }

    [Fact]
    public void Tampered_proofs_of_random_trees_up_to_70_leaves_fail()
    {
        var random = new Random(71);
        for (var size = 1; size <= 70; size++)
        {
            var leaves = RandomLeafHashes(random, size);
            var root = MerkleTree.RootFromLeafHashes(leaves);
            var smallerRoot = MerkleTree.RootFromLeafHashes(leaves[..^1]);
            var largerRoot = MerkleTree.RootFromLeafHashes([.. leaves, RandomLeafHashes(random, 1)[0]]);

            for (var index = 0; index < size; index++)
            {
                var proof = MerkleTree.Prove(leaves, index);
                var leaf = leaves[index];

                Assert.False(MerkleTree.VerifyInclusion(Flip(leaf, random), proof, root));
                Assert.False(MerkleTree.VerifyInclusion(leaf, proof, Flip(root, random)));
                for (var i = 0; i < proof.AuditPath.Count; i++)
                {
                    var path = proof.AuditPath.ToArray();
                    path[i] = Flip(path[i], random);
                    Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { AuditPath = path }, root));
                }

                for (var other = 0; other < size; other++)
                {
                    if (other != index)
                    {
                        Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { LeafIndex = other }, root));
                    }
                }

                Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { LeafIndex = index + size }, root));
                Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { LeafIndex = -1 }, root));

                // A wrong size must not verify against the root of a tree of that size.
                Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { TreeSize = size + 1 }, largerRoot));
                if (index < size - 1)
                {
                    Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { TreeSize = size - 1 }, smallerRoot));
                }

                Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { TreeSize = size * 2 }, root));
                Assert.False(MerkleTree.VerifyInclusion(leaf, proof with { TreeSize = 0 }, root));
            }
        }
    }

    [Fact]
    public void Million_leaf_tree_root_agrees_with_proofs()
    {
        const int size = 1_000_000;
        var leaves = RandomLeafHashes(new Random(1_000_000), size);

        var root = MerkleTree.RootFromLeafHashes(leaves);

        // Prove walks the tree top-down while the root is built bottom-up; agreement ties them
        // together. 524_288 is the first leaf right of the top-level split.
        foreach (var index in new[] { 0, 524_288, size - 1 })
        {
            var proof = MerkleTree.Prove(leaves, index);
            Assert.Equal(ReferencePathLength(index, size), proof.AuditPath.Count);
            Assert.True(MerkleTree.VerifyInclusion(leaves[index], proof, root));
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        byte[][] leaves = [new byte[32], new byte[32], new byte[32]];

        Assert.Throws<ArgumentException>(() => MerkleTree.Prove([], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Prove(leaves, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => MerkleTree.Prove(leaves, 3));
        Assert.Throws<ArgumentException>(() => MerkleTree.RootFromLeafHashes([new byte[32], new byte[31]]));
        Assert.Throws<ArgumentException>(() => MerkleTree.Prove([new byte[32], new byte[33]], 0));
        Assert.Throws<ArgumentNullException>(() => MerkleTree.RootFromLeafHashes(null!));
        Assert.Throws<ArgumentNullException>(() => MerkleTree.VerifyInclusion(new byte[32], null!, new byte[32]));
    }

    private static byte[][] RandomLeafHashes(Random random, int count)
    {
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            leaves[i] = new byte[32];
            random.NextBytes(leaves[i]);
        }

        return leaves;
    }

    private static byte[] Flip(byte[] hash, Random random)
    {
        var copy = (byte[])hash.Clone();
        var bit = random.Next(copy.Length * 8);
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    // RFC 6962 §2.1 MTH, transcribed literally (recursive) as an independent oracle.
    private static byte[] ReferenceRoot(ReadOnlySpan<byte[]> leaves)
    {
        if (leaves.Length == 1)
        {
            return leaves[0];
        }

        var k = SplitPoint(leaves.Length);
        return MerkleTree.NodeHash(ReferenceRoot(leaves[..k]), ReferenceRoot(leaves[k..]));
    }

    // RFC 6962 §2.1.1 PATH(m, D[n]), transcribed literally.
    private static List<byte[]> ReferencePath(ReadOnlySpan<byte[]> leaves, int m)
    {
        if (leaves.Length == 1)
        {
            return [];
        }

        var k = SplitPoint(leaves.Length);
        if (m < k)
        {
            var path = ReferencePath(leaves[..k], m);
            path.Add(ReferenceRoot(leaves[k..]));
            return path;
        }
        else
        {
            var path = ReferencePath(leaves[k..], m - k);
            path.Add(ReferenceRoot(leaves[..k]));
            return path;
        }
    }

    // Length of PATH(m, D[n]): one element per split on the way down to the leaf.
    private static int ReferencePathLength(int m, int n)
    {
        var length = 0;
        while (n > 1)
        {
            var k = SplitPoint(n);
            (m, n) = m < k ? (m, k) : (m - k, n - k);
            length++;
        }

        return length;
    }

    // The largest power of two smaller than n.
    private static int SplitPoint(int n) => (int)BitOperations.RoundUpToPowerOf2((uint)n) / 2;
}
