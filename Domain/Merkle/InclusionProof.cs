namespace SmartChain.Domain.Merkle;

/// <summary>
/// RFC 6962 §2.1.1 audit path showing that the leaf at <paramref name="LeafIndex"/> is part of the
/// Merkle tree of <paramref name="TreeSize"/> leaves; checked with <see cref="MerkleTree.VerifyInclusion"/>.
/// </summary>
/// <param name="LeafIndex">Zero-based index of the proven leaf.</param>
/// <param name="TreeSize">Number of leaves in the tree whose root the proof leads to.</param>
/// <param name="AuditPath">Sibling subtree hashes, ordered from the leaf level up to the root.</param>
public sealed record InclusionProof(long LeafIndex, long TreeSize, IReadOnlyList<byte[]> AuditPath);
