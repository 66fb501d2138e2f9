using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Domain.Blocks;

/// <summary>
/// What a block's hash and signature cover: <c>{chain, index, timestamp_ms, previous_hash, merkle_root, tx_count}</c>,
/// as RFC 8785 bytes. Genesis has index 1 and previous_hash "1".
/// </summary>
public sealed record BlockHeader
{
    public const string GenesisPreviousHash = "1";

    public required string Chain { get; init; }

    public required long Index { get; init; }

    public required long TimestampMs { get; init; }

    public required string PreviousHash { get; init; }

    public required string MerkleRoot { get; init; }

    public required int TxCount { get; init; }

    public JsonObject ToJson() =>
        new()
        {
            ["chain"] = Chain,
            ["index"] = Index,
            ["timestamp_ms"] = TimestampMs,
            ["previous_hash"] = PreviousHash,
            ["merkle_root"] = MerkleRoot,
            ["tx_count"] = TxCount,
        };

    public byte[] CanonicalBytes() => CanonicalJson.ToBytes(ToJson());
}
