namespace SmartChain.Domain.Merkle;

/// <summary>
/// RFC 6962 §2.1.2 proof that the tree of <paramref name="OldSize"/> leaves is a prefix of the tree of
/// <paramref name="NewSize"/> leaves; checked with <see cref="MerkleTree.VerifyConsistency"/>.
/// </summary>
public sealed record ConsistencyProof(long OldSize, long NewSize, IReadOnlyList<byte[]> Path);
