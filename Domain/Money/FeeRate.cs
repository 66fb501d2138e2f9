using System.Globalization;
using System.Numerics;

namespace SmartChain.Domain.Money;

/// <summary>
/// The share of every transfer the BPSC keeps (0.00005 by default). Holds the fee rule in one place:
/// the fee is amount × rate rounded down to the chain's decimals, the recipient gets exactly the rest.
/// </summary>
public readonly record struct FeeRate
{
    public static readonly FeeRate Default = new(0.00005m);

    /// <summary>The largest mantissa of a decimal (96 bits).</summary>
    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    public decimal Value { get; }

    private FeeRate(decimal value) => Value = value;

    public static FeeRate? TryParse(string? text)
    {
        if (
            text is null
            || text.Length > 32
            || !DecimalText.IsPlain(text)
            || !decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value < 0m
            || value >= 1m
        )
        {
            return null;
        }

        return new FeeRate(value);
    }

    /// <summary>
    /// Splits <paramref name="amount"/> into the BPSC fee and what the recipient receives, with integer arithmetic:
    /// decimal multiplication rounds a product past 28 digits (which could round a fee up), and a fee with more
    /// decimals than the amount could leave amount − fee beyond a decimal's 28 digits (so the two would no longer
    /// add up). The fee is amount × rate rounded down at the chain's decimals, or at the most decimals at which
    /// the amount itself still fits a decimal (fewer only for amounts of 28 significant digits).
    /// </summary>
    public FeeSplit Split(Amount amount, int decimals)
    {
        var (amountMantissa, amountScale) = Mantissa(amount.Value);
        var (rateMantissa, rateScale) = Mantissa(Value);
        var places = decimals;
        while (places > amountScale && amountMantissa * BigInteger.Pow(10, places - amountScale) > MaxMantissa)
        {
            places--;
        }

        var fee = amountMantissa * rateMantissa;
        var scale = amountScale + rateScale;
        if (scale > places)
        {
            fee /= BigInteger.Pow(10, scale - places);
            scale = places;
        }

        // fee ≤ amount, so at this scale its mantissa is at most the amount's, which fits: both conversions are exact.
        var feeAmount = Amount.Of(
            new decimal(
                (int)(uint)(fee & uint.MaxValue),
                (int)(uint)((fee >> 32) & uint.MaxValue),
                (int)(uint)(fee >> 64),
                false,
                (byte)scale
            )
        );
        return new FeeSplit(feeAmount, amount - feeAmount);
    }

    private static (BigInteger Mantissa, int Scale) Mantissa(decimal value)
    {
        var bits = decimal.GetBits(value);
        return (
            new BigInteger((uint)bits[0])
                | (new BigInteger((uint)bits[1]) << 32)
                | (new BigInteger((uint)bits[2]) << 64),
            (bits[3] >> 16) & 0xff
        );
    }

    public override string ToString() => Amount.Of(Value).ToString();
}

/// <summary>
/// What a transfer of an amount becomes: the fee kept by the BPSC and the amount delivered. Fee + Receive = amount,
/// exactly.
/// </summary>
public readonly record struct FeeSplit(Amount Fee, Amount Receive);
