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
    private const int ParallelFrom = 64;
    private readonly string _bpscAddress = Address.Of(bpscKey).Value;

    /// <summary>Null when the block is internally sound and signed by the BPSC, else a precise reason.</summary>
    public string? CheckContents(Block block) => CheckContents(block, out _);

    /// <summary>
    /// As <see cref="CheckContents(Block)"/>, also handing back a ledger chain's checked entries for the ledger replay.
    /// </summary>
    public string? CheckContents(Block block, out IReadOnlyList<LedgerEntry>? ledgerEntries)
    {
        ledgerEntries = null;
        var at = $"block {block.Index}";
        if (block.Header.Chain != chain.Id.Value)
        {
            return $"{at}: belongs to chain '{block.Header.Chain}', not '{chain.Id}'";
        }

        var cap = chain.MaxEntriesIn(block.Index);
        if (block.Header.TxCount > cap || block.Transactions.Count > cap)
        {
            return $"{at}: tx_count {block.Header.TxCount} is over the chain's max_block_tx {cap}";
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

        // Entries are independent (signatures dominate on ledger chains): check them on all cores, then in order.
        var checks = new EntryCheck[block.Transactions.Count];
        if (checks.Length >= ParallelFrom)
        {
            Parallel.For(0, checks.Length, i => checks[i] = CheckEntry(block.Transactions[i], block.Index));
        }
        else
        {
            for (var i = 0; i < checks.Length; i++)
            {
                checks[i] = CheckEntry(block.Transactions[i], block.Index);
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var entries = chain.IsLedger ? new List<LedgerEntry>(checks.Length) : null;
        for (var i = 0; i < checks.Length; i++)
        {
            if (checks[i].Error is { } error)
            {
                return $"{at}, transaction {i}: {error}";
            }

            if (!ids.Add(checks[i].Id!))
            {
                return $"{at}, transaction {i}: duplicate id in block";
            }

            entries?.Add(checks[i].Entry!);
        }

        ledgerEntries = entries;
        return null;
    }

    private EntryCheck CheckEntry(string text, long blockIndex)
    {
        using var tx = JsonDocument.Parse(text);
        if (!chain.IsLedger)
        {
            return new EntryCheck(
                TransactionRules.Check(tx.RootElement, chain),
                tx.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                    ? id.GetString()
                    : null,
                null
            );
        }

        var entry = LedgerEntry.TryRead(tx.RootElement, chain, _bpscAddress, blockIndex, out var error);
        return new EntryCheck(error, entry?.Id, entry);
    }

    private readonly record struct EntryCheck(string? Error, string? Id, LedgerEntry? Entry);

    /// <summary>
    /// Null when <paramref name="block"/> directly follows (<paramref name="previousIndex"/>,
    /// <paramref name="previousHash"/>); 0 and null for genesis.
    /// </summary>
    public static string? CheckLink(Block block, long previousIndex, string? previousHash)
    {
        if (block.Index != previousIndex + 1)
        {
            return $"block {block.Index}: expected index {previousIndex + 1}";
        }

        var expected = previousHash ?? BlockHeader.GenesisPreviousHash;
        return block.Header.PreviousHash == expected
            ? null
            : $"block {block.Index}: previous_hash {block.Header.PreviousHash} does not match block {previousIndex}'s "
                + $"hash {expected}";
    }
}
