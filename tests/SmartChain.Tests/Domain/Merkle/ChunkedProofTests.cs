using System.Text;
using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Domain.Merkle;

/// <summary>A proof from one chunk of leaf hashes and the chunk roots is the RFC 6962 proof from every leaf.</summary>
public sealed class ChunkedProofTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(100)]
    [InlineData(255)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(513)]
    [InlineData(1000)]
    public void EveryPositionProvesAsFromAllLeaves(int size)
    {
        var leaves = Enumerable
            .Range(0, size)
            .Select(i => MerkleTree.LeafHash(Encoding.UTF8.GetBytes($"entry {i}")))
            .ToList();
        var root = MerkleTree.RootFromLeafHashes(leaves);
        var chunkRoots = ChunkedProof.ChunkRoots(leaves);

        for (var position = 0; position < size; position++)
        {
            var start = position / ChunkedProof.ChunkSize * ChunkedProof.ChunkSize;
            var chunk = leaves.Skip(start).Take(ChunkedProof.ChunkSize).ToList();
            var proof = ChunkedProof.Prove(chunk, chunkRoots, size, position);
            var expected = MerkleTree.Prove(leaves, position);

            Assert.Equal((expected.LeafIndex, expected.TreeSize), (proof.LeafIndex, proof.TreeSize));
            Assert.Equal(expected.AuditPath.Select(Convert.ToHexString), proof.AuditPath.Select(Convert.ToHexString));
            Assert.True(MerkleTree.VerifyInclusion(leaves[position], proof, root), $"position {position} of {size}");
        }
    }

    [Fact]
    public void AChunkThatDoesNotFitTheTreeIsRefused()
    {
        var leaves = Enumerable.Range(0, 300).Select(i => MerkleTree.LeafHash([(byte)i])).ToList();
        var roots = ChunkedProof.ChunkRoots(leaves);

        Assert.Throws<ArgumentException>(() => ChunkedProof.Prove(leaves.Take(256).ToList(), roots, 300, 290));
        Assert.Throws<ArgumentException>(() =>
            ChunkedProof.Prove(leaves.Take(256).ToList(), roots.Take(1).ToList(), 300, 3)
        );
    }
}
