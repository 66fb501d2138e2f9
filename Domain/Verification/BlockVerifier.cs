using System.Text;
using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;

namespace SmartChain.Domain.Verification;

/// <summary>
/// Verifies blocks of one chain against its pinned BPSC key without trusting whoever served them.
/// <see cref="CheckContents"/> needs only the block, so blocks can be checked in parallel;
/// <see cref="CheckLink"/> ties a block to its predecessor and must run in order.
/// </summary>
public sealed class BlockVerifier(ChainSettings chain, PublicKey bpscKey)
{
    private readonly string _bpscAddress = Address.Of(bpscKey).Value;

    /// <summary>Null when the block is internally sound and signed by the BPSC, else a precise reason.</summary>
    public string? CheckContents(Block block) => CheckContents(block, out _);

    /// <summary>As <see cref="CheckContents(Block)"/>, also handing back a ledger chain's checked entries for the ledger replay.</summary>
    public string? CheckContents(Block block, out IReadOnlyList<LedgerEntry>? ledgerEntries)
    {
        ledgerEntries = null;
        var at = $"block {block.Index}";
        if (block.Header.Chain != chain.Id.Value)
        {
            return $"{at}: belongs to chain '{block.Header.Chain}', not '{chain.Id}'";
        }

        var headerBytes = block.Header.CanonicalBytes();
        var hash = Sha256Hex.Of(headerBytes);
        if (hash != block.Hash)
        {
            return $"{at}: hash {block.Hash} does not match its header (computed {hash})";
        }

        var signature = Base64Url.TryDecode(block.Signature);
        if (signature is null || !bpscKey.Verify(headerBytes, signature))
        {
            return $"{at}: signature is not valid for the pinned BPSC key";
        }

        if (block.Header.TxCount != block.Transactions.Count)
        {
            return $"{at}: tx_count {block.Header.TxCount} but {block.Transactions.Count} transactions";
        }

        var root = BlockForger.MerkleRootOf(block.Transactions);
        if (root != block.Header.MerkleRoot)
        {
            return $"{at}: merkle_root {block.Header.MerkleRoot} does not match its transactions (computed {root})";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = chain.IsLedger ? new List<LedgerEntry>(block.Transactions.Count) : null;
        for (var i = 0; i < block.Transactions.Count; i++)
        {
            using var tx = JsonDocument.Parse(Encoding.UTF8.GetBytes(block.Transactions[i]));
            string? error;
            if (entries is not null)
            {
                var entry = LedgerEntry.TryRead(tx.RootElement, chain, _bpscAddress, block.Index, out error);
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }
            else
            {
                error = TransactionRules.Check(tx.RootElement, chain);
            }

            if (error is not null)
            {
                return $"{at}, transaction {i}: {error}";
            }

            if (!ids.Add(tx.RootElement.GetProperty("id").GetString()!))
            {
                return $"{at}, transaction {i}: duplicate id in block";
            }
        }

        ledgerEntries = entries;
        return null;
    }

    /// <summary>Null when <paramref name="block"/> directly follows (<paramref name="previousIndex"/>, <paramref name="previousHash"/>); 0 and null for genesis.</summary>
    public static string? CheckLink(Block block, long previousIndex, string? previousHash)
    {
        if (block.Index != previousIndex + 1)
        {
            return $"block {block.Index}: expected index {previousIndex + 1}";
        }

        var expected = previousHash ?? BlockHeader.GenesisPreviousHash;
        return block.Header.PreviousHash == expected
            ? null
            : $"block {block.Index}: previous_hash {block.Header.PreviousHash} does not match block {previousIndex}'s hash {expected}";
    }
}
