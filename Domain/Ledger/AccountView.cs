using SmartChain.Domain.Money;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// What the ledger rule needs to know of one account: its balance as of the last forged block, the sum its
/// pending transfers reserve, and the nonce its next transfer must carry. A replica replaying blocks has nothing
/// pending, so its views reserve nothing.
/// </summary>
public readonly record struct AccountView(Amount Balance, Amount Reserved, long NextNonce)
{
    public static readonly AccountView Empty = new(Amount.Zero, Amount.Zero, 0);

    /// <summary>What the account may still send: balance − reserved, never below zero.</summary>
    public Amount Spendable => Reserved >= Balance ? Amount.Zero : Balance - Reserved;
}
