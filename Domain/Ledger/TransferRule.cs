using SmartChain.Domain.Money;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// The one judge of the ledger rule (SPEC §6): a transfer, mint or refund is accepted against its sender's account
/// only with the sender's next nonce and enough spendable balance. The BPSC asks it when it accepts a request (the
/// view holds what pending transfers reserve) and replicas ask it when they replay a block (nothing reserved), so
/// producer and replicas cannot judge differently.
/// </summary>
public static class TransferRule
{
    /// <summary>
    /// Null when <paramref name="sender"/> may send <paramref name="reserve"/> with <paramref name="nonce"/>
    /// (null for a genesis allocation, which has none), else the rule it breaks.
    /// </summary>
    public static LedgerRefusal? Judge(AccountView sender, string address, long? nonce, Amount reserve)
    {
        if (nonce is { } n && n != sender.NextNonce)
        {
            return new LedgerRefusal(
                RefusalReason.NonceNotNext,
                $"nonce {n} is not the next nonce of {address}: expected {sender.NextNonce}",
                sender.NextNonce
            );
        }

        return sender.Spendable < reserve
            ? new LedgerRefusal(
                RefusalReason.InsufficientFunds,
                $"insufficient funds: {address} can spend {sender.Spendable}, less than {reserve}",
                sender.NextNonce
            )
            : null;
    }

    /// <summary>What an entry holds back from its sender until it is forged: its amount, except for a mint.</summary>
    public static Amount ReserveOf(string type, Amount amount) =>
        type == Transactions.TransactionType.Mint ? Amount.Zero : amount;
}
