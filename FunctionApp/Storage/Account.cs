using Azure;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// A ledger account row: balance as of the last forged block, the sum of its pending outgoing amounts,
/// the next nonce (pending included), and the last block whose effects it holds (what makes follow-up idempotent).
/// </summary>
public sealed record Account(
    Address Address,
    Amount Balance,
    Amount Reserved,
    long NextNonce,
    long AppliedBlock,
    ETag? ETag
)
{
    /// <summary>What <see cref="TransferRule"/> judges a transfer against.</summary>
    public AccountView View => new(Balance, Reserved, NextNonce);

    public static Account Empty(Address address) => new(address, Amount.Zero, Amount.Zero, 0, 0, null);
}
