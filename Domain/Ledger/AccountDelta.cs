using System.Text.Json;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>How one block changes one account: its balance, and the reservation its pending transfers held.</summary>
public sealed record AccountDelta(decimal Balance, decimal Reserved)
{
    /// <summary>
    /// The account changes of a block the BPSC forged itself (its entries were checked when accepted, so
    /// this reads the amounts without re-verifying signatures): senders pay and release their reservation,
    /// recipients receive, fees go to the BPSC or are burned, refunds only release.
    /// </summary>
    public static Dictionary<string, AccountDelta> Of(IEnumerable<string> entries, string bpscAddress, FeePolicy feePolicy)
    {
        var deltas = new Dictionary<string, AccountDelta>(StringComparer.Ordinal);
        void Add(string address, decimal balance, decimal reserved)
        {
            var current = deltas.GetValueOrDefault(address) ?? new AccountDelta(0m, 0m);
            deltas[address] = new AccountDelta(current.Balance + balance, current.Reserved + reserved);
        }

        foreach (var text in entries)
        {
            using var json = JsonDocument.Parse(text);
            var tx = json.RootElement;
            var type = tx.GetProperty("type").GetString();
            var sender = tx.GetProperty("sender").GetString()!;
            var amount = Decimal(tx, "amount_send");
            switch (type)
            {
                case TransactionType.Transfer:
                    Add(sender, -amount, -amount);
                    Add(tx.GetProperty("recipient").GetString()!, Decimal(tx, "amount_receive"), 0m);
                    if (feePolicy == FeePolicy.Accumulate)
                    {
                        Add(bpscAddress, Decimal(tx, "amount_bpsc"), 0m);
                    }

                    break;
                case TransactionType.Mint:
                    Add(tx.GetProperty("recipient").GetString()!, amount, 0m);
                    break;
                case TransactionType.Refund:
                    Add(sender, 0m, -amount);
                    break;
            }
        }

        return deltas;
    }

    private static decimal Decimal(JsonElement tx, string field) =>
        decimal.Parse(tx.GetProperty(field).GetString()!, System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture);
}
