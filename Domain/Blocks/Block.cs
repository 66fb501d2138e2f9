namespace SmartChain.Domain.Blocks;

/// <summary>
/// A forged block as served: its header, the header's hash, the BPSC's signature over the header, and the
/// transactions as canonical JSON texts (exactly the bytes the Merkle leaves hash).
/// </summary>
public sealed record Block
{
    public required BlockHeader Header { get; init; }

    public required string Hash { get; init; }

    /// <summary>
    /// Base64url IEEE P1363 ECDSA-SHA256 signature by the chain's BPSC key over the canonical header.
    /// </summary>
    public required string Signature { get; init; }

    public required IReadOnlyList<string> Transactions { get; init; }

    public long Index => Header.Index;
}
