using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// The genesis block's entries of a ledger chain: one fee-free mint per allocation, from the sender "genesis".
/// </summary>
public static class GenesisEntries
{
    public static IReadOnlyList<string> For(ChainSettings chain, string bpscAddress) =>
        chain
            .Genesis.Select(
                (allocation, i) =>
                    CanonicalJson.ToText(
                        TransferEntry.Fields(
                            $"genesis-{i}",
                            TransactionType.Mint,
                            LedgerEntry.GenesisSender,
                            allocation.Amount,
                            bpscAddress,
                            new FeeSplit(Amount.Zero, allocation.Amount),
                            allocation.Address
                        )
                    )
            )
            .ToList();
}
