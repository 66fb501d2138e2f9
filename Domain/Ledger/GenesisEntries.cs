using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>The genesis block's entries of a ledger chain: one fee-free mint per allocation, from the sender "genesis".</summary>
public static class GenesisEntries
{
    public static IReadOnlyList<string> For(ChainSettings chain, string bpscAddress) =>
        chain.Genesis.Select((allocation, i) => CanonicalJson.ToText(new JsonObject
        {
            ["id"] = $"genesis-{i}",
            ["type"] = TransactionType.Mint,
            ["sender"] = LedgerEntry.GenesisSender,
            ["amount_send"] = allocation.Amount.ToString(),
            ["bpsc"] = bpscAddress,
            ["amount_bpsc"] = "0",
            ["recipient"] = allocation.Address,
            ["amount_receive"] = allocation.Amount.ToString(),
        })).ToList();
}
