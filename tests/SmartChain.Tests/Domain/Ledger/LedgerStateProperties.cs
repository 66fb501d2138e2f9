using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;

namespace SmartChain.Tests.Domain.Ledger;

/// <summary>Random sequences of mints, transfers and refunds, applied to the ledger replay.</summary>
public sealed class LedgerStateProperties
{
    private const string Bpsc = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly string[] Wallets =
    [
        "1111111111111111111111111111111111111111",
        "2222222222222222222222222222222222222222",
        "3333333333333333333333333333333333333333",
    ];

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property SupplyHoldsAndNoBalanceGoesNegative(int[] operations, bool burn)
    {
        var ledger = new LedgerState(Bpsc, burn ? FeePolicy.Burn : FeePolicy.Accumulate);
        var nonces = new Dictionary<string, long>();
        foreach (var op in operations ?? [])
        {
            var sender = Wallets[Math.Abs(op % 3)];
            var recipient = Wallets[Math.Abs(op / 3 % 3)];
            var amount = Amount.Of(Math.Abs(op % 100_000) / 100m + 0.01m);
            var kind = Math.Abs(op / 9 % 3);
            var nonce = nonces.GetValueOrDefault(sender);
            var split = FeeRate.Default.Split(amount, 2);
            var entry = kind switch
            {
                0 => new LedgerEntry("m", "mint", sender, recipient, amount, Amount.Zero, amount, nonce, null),
                1 => new LedgerEntry("t", "transfer", sender, recipient, amount, split.Fee, split.Receive, nonce, null),
                _ => new LedgerEntry(
                    "r",
                    "refund",
                    sender,
                    recipient,
                    amount,
                    Amount.Zero,
                    Amount.Zero,
                    nonce,
                    "recipient_blocked"
                ),
            };
            if (ledger.Apply(entry) is null)
            {
                nonces[sender] = nonce + 1;
            }
        }

        return (ledger.CheckSupply() is null && ledger.Balances.Values.All(b => b.Value >= 0m)).ToProperty();
    }

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property FeePlusReceivedEqualsSentExactly(PositiveInt units, byte decimalsSeed, NonNegativeInt rateSeed)
    {
        var decimals = decimalsSeed % 19;
        var amount = Amount.Of(units.Get / (decimal)Math.Pow(10, Math.Min(decimals, 9)));
        var rate = FeeRate
            .TryParse((rateSeed.Get % 10_000 / 100_000m).ToString(System.Globalization.CultureInfo.InvariantCulture))!
            .Value;

        var split = rate.Split(amount, decimals);

        return (
            split.Fee + split.Receive == amount
            && split.Fee.Value <= amount.Value * rate.Value
            && decimal.Round(split.Fee.Value, decimals) == split.Fee.Value
        ).ToProperty();
    }
}
