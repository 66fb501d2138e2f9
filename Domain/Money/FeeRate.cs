using System.Globalization;

namespace SmartChain.Domain.Money;

/// <summary>
/// The share of every transfer the BPSC keeps (0.00005 by default). Holds the fee rule in one place:
/// the fee is amount × rate rounded down to the chain's decimals, the recipient gets exactly the rest.
/// </summary>
public readonly record struct FeeRate
{
    public static readonly FeeRate Default = new(0.00005m);

    public decimal Value { get; }

    private FeeRate(decimal value) => Value = value;

    public static FeeRate? TryParse(string? text)
    {
        if (text is null || text.Length > 32
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < 0m || value >= 1m)
        {
            return null;
        }

        return new FeeRate(value);
    }

    /// <summary>Splits <paramref name="amount"/> into the BPSC fee and what the recipient receives.</summary>
    public FeeSplit Split(Amount amount, int decimals)
    {
        var fee = decimal.Round(amount.Value * Value, decimals, MidpointRounding.ToZero);
        return new FeeSplit(Amount.Of(fee), amount - Amount.Of(fee));
    }

    public override string ToString() => Amount.Of(Value).ToString();
}

/// <summary>What a transfer of an amount becomes: the fee kept by the BPSC and the amount delivered. Fee + Receive = amount, exactly.</summary>
public readonly record struct FeeSplit(Amount Fee, Amount Receive);
