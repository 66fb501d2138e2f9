using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// The one place that says what ledger entries do to accounts and supply (SPEC §6): a transfer debits its sender
/// and releases its reservation, credits the recipient with amount_receive and the fee to the BPSC (or burns it);
/// a mint credits its recipient and adds to supply; a refund only releases the reservation. The producer's
/// follow-up applies a block's effects to stored accounts and replicas apply each entry's to their replay.
/// </summary>
public sealed class LedgerEffects(string bpscAddress, FeePolicy feePolicy)
{
    private readonly Dictionary<string, AccountChange> _accounts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, AccountChange> Accounts => _accounts;

    public Amount Minted { get; private set; } = Amount.Zero;

    public Amount Burned { get; private set; } = Amount.Zero;

    public static LedgerEffects Of(IEnumerable<LedgerEntry> entries, string bpscAddress, FeePolicy feePolicy)
    {
        var effects = new LedgerEffects(bpscAddress, feePolicy);
        foreach (var entry in entries)
        {
            effects.Add(entry);
        }

        return effects;
    }

    public void Add(LedgerEntry entry)
    {
        switch (entry.Type)
        {
            case TransactionType.Mint:
                Minted += entry.Amount;
                Change(entry.Recipient, AccountChange.None with { Credit = entry.Amount });
                break;
            case TransactionType.Transfer:
                Change(entry.Sender, AccountChange.None with { Debit = entry.Amount, Released = entry.Amount });
                Change(entry.Recipient, AccountChange.None with { Credit = entry.Receive });
                if (feePolicy == FeePolicy.Burn)
                {
                    Burned += entry.Fee;
                }
                else
                {
                    Change(bpscAddress, AccountChange.None with { Credit = entry.Fee });
                }

                break;
            default:
                // A refund: the amount went to the BPSC and came straight back; only the reservation is released.
                Change(entry.Sender, AccountChange.None with { Released = entry.Amount });
                break;
        }
    }

    private void Change(string address, AccountChange change)
    {
        if (change != AccountChange.None)
        {
            _accounts[address] = _accounts.GetValueOrDefault(address, AccountChange.None) + change;
        }
    }
}
