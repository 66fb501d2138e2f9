using Azure;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// A ledger account row: balance as of the last forged block, the sum of its pending outgoing amounts,
/// the next nonce (pending included), and the last block whose effects it holds (what makes follow-up idempotent).
/// </summary>
public sealed record Account(string Address, decimal Balance, decimal Reserved, long NextNonce, long AppliedBlock, ETag? ETag)
{
    public decimal Spendable => Balance - Reserved;

    public static Account Empty(string address) => new(address, 0m, 0m, 0, 0, null);
}
