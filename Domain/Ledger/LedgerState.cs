using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// Balances, nonces and supply of a ledger chain, replayed entry by entry in block order (stage two:
/// the checks that need the ledger). Keeps the invariant sum of balances + burned = minted, checked per block.
/// </summary>
public sealed class LedgerState(string bpscAddress, FeePolicy feePolicy)
{
    private readonly Dictionary<string, Amount> _balances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _nonces = new(StringComparer.Ordinal);

    public Amount Minted { get; private set; } = Amount.Zero;

    public Amount Burned { get; private set; } = Amount.Zero;

    public Amount BalanceOf(string address) => _balances.GetValueOrDefault(address, Amount.Zero);

    public long NextNonceOf(string address) => _nonces.GetValueOrDefault(address);

    public IReadOnlyDictionary<string, Amount> Balances => _balances;

    /// <summary>Applies one checked entry; null when it is valid against the ledger, else why not (the state is then unchanged).</summary>
    public string? Apply(LedgerEntry entry)
    {
        if (entry.Nonce is { } nonce && nonce != NextNonceOf(entry.Sender))
        {
            return $"nonce {nonce} of {entry.Sender} is not the next one ({NextNonceOf(entry.Sender)})";
        }

        if (entry.Type != TransactionType.Mint && BalanceOf(entry.Sender) < entry.Amount)
        {
            return $"{entry.Sender} holds {BalanceOf(entry.Sender)}, less than {entry.Amount}";
        }

        if (entry.Nonce is not null)
        {
            _nonces[entry.Sender] = entry.Nonce.Value + 1;
        }

        switch (entry.Type)
        {
            case TransactionType.Mint:
                Minted += entry.Amount;
                Credit(entry.Recipient, entry.Amount);
                break;
            case TransactionType.Transfer:
                _balances[entry.Sender] = BalanceOf(entry.Sender) - entry.Amount;
                Credit(entry.Recipient, entry.Receive);
                if (feePolicy == FeePolicy.Burn)
                {
                    Burned += entry.Fee;
                }
                else
                {
                    Credit(bpscAddress, entry.Fee);
                }

                break;
            default:
                // A refund: the amount went to the BPSC and came straight back; only the nonce moved.
                break;
        }

        return null;
    }

    /// <summary>Null when sum of balances + burned = minted, else the discrepancy.</summary>
    public string? CheckSupply()
    {
        var total = _balances.Values.Aggregate(Amount.Zero, (sum, balance) => sum + balance) + Burned;
        return total == Minted ? null : $"supply broken: balances + burned = {total}, minted = {Minted}";
    }

    private void Credit(string address, Amount amount)
    {
        if (amount > Amount.Zero)
        {
            _balances[address] = BalanceOf(address) + amount;
        }
    }
}
