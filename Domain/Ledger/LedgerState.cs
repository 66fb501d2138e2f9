using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// Balances, nonces and supply of a ledger chain, replayed entry by entry in block order (stage two:
/// the checks that need the ledger). Keeps the invariant sum of balances + burned = minted, checked per block.
/// Judges with <see cref="TransferRule"/> and applies <see cref="LedgerEffects"/>, as the BPSC does.
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

    /// <summary>
    /// Applies one checked entry; null when it is valid against the ledger, else why not (the state is then unchanged).
    /// </summary>
    public string? Apply(LedgerEntry entry)
    {
        // A replica holds no reservations: each entry is judged against the balance as replayed so far.
        var sender = new AccountView(BalanceOf(entry.Sender), Amount.Zero, NextNonceOf(entry.Sender));
        var refusal = TransferRule.Judge(
            sender,
            entry.Sender,
            entry.Nonce,
            TransferRule.ReserveOf(entry.Type, entry.Amount)
        );
        if (refusal is not null)
        {
            return refusal.Detail;
        }

        if (entry.Nonce is { } nonce)
        {
            _nonces[entry.Sender] = nonce + 1;
        }

        var effects = LedgerEffects.Of([entry], bpscAddress, feePolicy);
        foreach (var (address, change) in effects.Accounts)
        {
            _balances[address] = change.BalanceAfter(BalanceOf(address));
        }

        Minted += effects.Minted;
        Burned += effects.Burned;
        return null;
    }

    /// <summary>Null when sum of balances + burned = minted, else the discrepancy.</summary>
    public string? CheckSupply()
    {
        var total = _balances.Values.Aggregate(Amount.Zero, (sum, balance) => sum + balance) + Burned;
        return total == Minted ? null : $"supply broken: balances + burned = {total}, minted = {Minted}";
    }
}
