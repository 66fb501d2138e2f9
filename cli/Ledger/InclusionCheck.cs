using System.Text.Json;
using SmartChain.Cli.Http;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;

namespace SmartChain.Cli.Ledger;

/// <summary>
/// Checks, without trusting the node, that a receipt's transaction is in the block it names: the block's
/// header hashes to its hash and carries the BPSC's signature, the entry at the receipt's position is our
/// request, and the RFC 6962 audit path leads from that entry's leaf to the signed header's merkle_root.
/// </summary>
public static class InclusionCheck
{
    /// <summary>Null when everything holds, else the first thing that does not.</summary>
    public static string? Check(
        LedgerRequest request,
        ReceiptInfo receipt,
        JsonElement blockJson,
        string chain,
        string bpscPublicKey
    )
    {
        if (
            receipt.BlockIndex is not { } index
            || receipt.Position is not { } position
            || receipt.Proof is not { } proof
        )
        {
            return "the receipt has no block_index, position and proof";
        }

        var block = BlockJson.TryRead(blockJson, out var malformed);
        if (block is null)
        {
            return $"block {index}: {malformed}";
        }

        var header = block.Header;
        if (header.Chain != chain || header.Index != index)
        {
            return $"the node served block {header.Index} of chain '{header.Chain}' for block {index} of '{chain}'";
        }

        var headerBytes = header.CanonicalBytes();
        if (Sha256Hex.Of(headerBytes) != block.Hash)
        {
            return $"block {index}: hash {block.Hash} does not match its header";
        }

        using var bpsc = PublicKey.TryParse(bpscPublicKey);
        var signature = Base64Url.TryDecode(block.Signature);
        if (bpsc is null || signature is null || !bpsc.Verify(headerBytes, signature))
        {
            return $"block {index}: signature is not valid for the chain's BPSC key";
        }

        if (proof.BlockHash != block.Hash || proof.MerkleRoot != header.MerkleRoot)
        {
            return $"the proof names block {proof.BlockHash} / root {proof.MerkleRoot}, but block {index} is "
                + $"{block.Hash} / root {header.MerkleRoot}";
        }

        if (
            proof.LeafIndex != position
            || proof.TreeSize != header.TxCount
            || position < 0
            || position >= block.Transactions.Count
        )
        {
            return $"the proof's leaf {proof.LeafIndex} of {proof.TreeSize} does not match position {position} in a "
                + $"block of {header.TxCount}";
        }

        var entry = blockJson.GetProperty("transactions")[position];
        var mismatch = EntryMismatch(request, entry);
        if (mismatch is not null)
        {
            return $"block {index}, position {position}: {mismatch}";
        }

        var path = new List<byte[]>(proof.AuditPath.Count);
        foreach (var hex in proof.AuditPath)
        {
            if (!Hex.IsLowerHex(hex, 64))
            {
                return $"audit path element '{hex}' is not a lowercase hex SHA-256";
            }

            path.Add(Hex.Decode(hex));
        }

        var leaf = MerkleTree.LeafHash(CanonicalJson.ToBytes(entry));
        return MerkleTree.VerifyInclusion(
            leaf,
            new InclusionProof(proof.LeafIndex, proof.TreeSize, path),
            Hex.Decode(header.MerkleRoot)
        )
            ? null
            : $"the audit path does not lead from the entry at position {position} to merkle_root {header.MerkleRoot}";
    }

    private static string? EntryMismatch(LedgerRequest request, JsonElement entry)
    {
        if (
            entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("id", out var id)
            || id.ValueKind != JsonValueKind.String
        )
        {
            return "the entry has no id";
        }

        if (id.GetString() != request.Id)
        {
            return $"the entry is {id.GetString()}, not {request.Id}";
        }

        // A ledger entry repeats the signed payload; when it does, it must be ours byte for byte.
        if (
            entry.TryGetProperty("payload", out var payload)
            && !CanonicalJson.ToBytes(payload).AsSpan().SequenceEqual(request.CanonicalBytes)
        )
        {
            return "the entry's payload differs from the one signed";
        }

        return null;
    }
}
