using SmartChain.Domain.Money;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// What forged entries do to one account: amounts credited and debited, and the reservation released (what its
/// pending transfers had held back). Kept as three non-negative amounts so money stays an <see cref="Amount"/>.
/// </summary>
public readonly record struct AccountChange(Amount Credit, Amount Debit, Amount Released)
{
    public static readonly AccountChange None = new(Amount.Zero, Amount.Zero, Amount.Zero);

    public static AccountChange operator +(AccountChange a, AccountChange b) =>
        new(a.Credit + b.Credit, a.Debit + b.Debit, a.Released + b.Released);

    // A debit or a release beyond what the account holds is a broken invariant: Amount throws, never goes negative.
    public Amount BalanceAfter(Amount balance) => balance + Credit - Debit;

    public Amount ReservedAfter(Amount reserved) => reserved - Released;
}
