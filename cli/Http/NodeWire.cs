using System.Text.Json;

namespace SmartChain.Cli.Http;

// The node's answers as SPEC.md §5 describes them. Amounts stay decimal strings, exactly as served.

/// <summary><c>GET /chains/{chain}</c>; <see cref="Raw"/> keeps every field for settings and verification.</summary>
public sealed record ChainInfo(
    string Id,
    string Kind,
    string? Mode,
    long Height,
    string? HeadHash,
    string BpscPublicKey,
    int Decimals,
    JsonElement Raw
)
{
    public bool IsLedger => Kind == "token" && Mode == "ledger";
}

/// <summary><c>GET /chains/{chain}/accounts/{address}</c>.</summary>
public sealed record AccountInfo
{
    public required string Address { get; init; }

    public required string Balance { get; init; }

    public required string Reserved { get; init; }

    public required long NextNonce { get; init; }
}

/// <summary>The 202 answer of <c>POST /chains/{chain}/transactions</c>.</summary>
public sealed record SubmitAnswer
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public long? BlockIndex { get; init; }
}

/// <summary>
/// <c>GET /chains/{chain}/transactions/{id}</c>: where a transaction stands, with its proof once forged.
/// </summary>
public sealed record ReceiptInfo
{
    public const string Pending = "pending";
    public const string Included = "included";
    public const string Refunded = "refunded";

    public required string Id { get; init; }

    public required string Status { get; init; }

    public long? BlockIndex { get; init; }

    public int? Position { get; init; }

    /// <summary>The entry's leaf index in the chain's transparency log (SPEC §12); absent while pending.</summary>
    public long? LogIndex { get; init; }

    public ProofInfo? Proof { get; init; }

    public string? Reason { get; init; }
}

/// <summary>An RFC 6962 inclusion proof as served, with the root and block hash it claims to lead to.</summary>
public sealed record ProofInfo
{
    public required long LeafIndex { get; init; }

    public required long TreeSize { get; init; }

    public required IReadOnlyList<string> AuditPath { get; init; }

    public required string MerkleRoot { get; init; }

    public required string BlockHash { get; init; }
}

/// <summary>
/// One page of <c>GET /chains/{chain}/blocks</c>: the blocks as served and the index to ask for next.
/// </summary>
public sealed record BlockPage(IReadOnlyList<JsonElement> Blocks, long? Next);
