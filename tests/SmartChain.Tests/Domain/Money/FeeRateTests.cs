using System.Globalization;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Money;

namespace SmartChain.Tests.Domain.Money;

public sealed class FeeRateTests
{
    [Theory]
    [InlineData("1000000", 8, "50", "999950")] // the article's example
    [InlineData("0.3", 6, "0.000015", "0.299985")]
    [InlineData("0.3", 5, "0.00001", "0.29999")] // 0.000015 rounds down at 5 decimals
    [InlineData("1", 0, "0", "1")] // 0.00005 rounds down to nothing at 0 decimals
    [InlineData("19999", 0, "0", "19999")]
    [InlineData("20000", 0, "1", "19999")]
    [InlineData("0.00000001", 8, "0", "0.00000001")]
    public void FeeRoundsDownToChainDecimals(string amount, int decimals, string fee, string receive)
    {
        var split = FeeRate.Default.Split(Amount.Parse(amount, decimals).Amount, decimals);

        Assert.Equal(fee, split.Fee.ToString());
        Assert.Equal(receive, split.Receive.ToString());
    }

    [Fact]
    public void FeePlusReceiveIsTheAmountExactlyForAnyAmountAndDecimals()
    {
        var cases = Gen.Choose(0, 18).SelectMany(decimals => AmountWith(decimals).Select(amount => (decimals, amount)));
        var property = Prop.ForAll(
                cases.ToArbitrary(),
                c =>
                {
                    var split = FeeRate.Default.Split(c.amount, c.decimals);
                    var (fee, feeScale) = Parts(split.Fee.Value);
                    var (product, productScale) = ExactProduct(c.amount.Value, FeeRate.Default.Value);
                    return split.Fee.Value + split.Receive.Value == c.amount.Value
                        && feeScale <= c.decimals
                        && fee * BigInteger.Pow(10, productScale - feeScale) <= product
                        // Where the amount fits a decimal at the chain's decimals, the fee is exactly the floor there.
                        && (
                            !FitsAtDecimals(c.amount.Value, c.decimals)
                            || split.Fee.Value == ExactFloor(c.amount.Value, FeeRate.Default.Value, c.decimals)
                        )
                        && Parts(split.Receive.Value).Scale <= c.decimals;
                }
            )
            .Label("fee = floor(amount × 0.00005), fee + receive = amount");
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000), property);
    }

    [Fact]
    public void FeeAndReceiveAddUpForAnAmountOfTwentyEightDigits()
    {
        // At 14 decimals the amount would need 31 digits, beyond a decimal: amount − fee used to be rounded.
        var amount = Amount.Parse("49471465619521776.26453084644", 14).Amount;

        var split = FeeRate.Default.Split(amount, 14);

        Assert.Equal(amount.Value, split.Fee.Value + split.Receive.Value);
        // rounded down at the 12 decimals the amount allows
        Assert.Equal("2473573280976.088813226542", split.Fee.ToString());
    }

    [Theory]
    // 29 significant digits times 0.00005 does not fit a decimal: the product was rounded, and 0.999…95 became 1.
    [InlineData("0.00005", "9999999999.999999999999955555", 18)]
    // A chain's own rate: 9999999999.999999999999955555 × 0.00009 = 899999.99999999999999999599995, whose floor ends in
    // …995.
    [InlineData("0.00009", "9999999999.999999999999955555", 18)]
    [InlineData("0.123456789", "9999999999.999999999999999999", 18)]
    public void FeeRoundsDownEvenWhenTheExactProductNeedsMoreDigitsThanADecimalHolds(
        string rate,
        string amount,
        int decimals
    )
    {
        var feeRate = FeeRate.TryParse(rate)!.Value;
        var parsed = Amount.Parse(amount, decimals);
        Assert.True(parsed.IsValid, parsed.Error);

        var split = feeRate.Split(parsed.Amount, decimals);

        Assert.Equal(ExactFloor(parsed.Amount.Value, feeRate.Value, decimals), split.Fee.Value);
        Assert.Equal(parsed.Amount.Value, split.Fee.Value + split.Receive.Value);
    }

    [Fact]
    public void FeeNeverExceedsTheExactProductForAnyRate()
    {
        var rates = Gen.Choose(0, 999_999)
            .SelectMany(mantissa => Gen.Choose(6, 12).Select(scale => new decimal(mantissa, 0, 0, false, (byte)scale)));
        var cases = Gen.Choose(0, 18)
            .SelectMany(decimals =>
                AmountWith(decimals).SelectMany(amount => rates.Select(rate => (decimals, amount, rate)))
            );
        var property = Prop.ForAll(
                cases.ToArbitrary(),
                c =>
                {
                    var rate = FeeRate.TryParse(c.rate.ToString(CultureInfo.InvariantCulture))!.Value;
                    var split = rate.Split(c.amount, c.decimals);
                    var (product, scale) = ExactProduct(c.amount.Value, c.rate);
                    var (fee, feeScale) = Parts(split.Fee.Value);
                    var feeAtProductScale =
                        feeScale <= scale
                            ? fee * BigInteger.Pow(10, scale - feeScale)
                            : fee / BigInteger.Pow(10, feeScale - scale);
                    return split.Fee.Value + split.Receive.Value == c.amount.Value && feeAtProductScale <= product;
                }
            )
            .Label("fee ≤ amount × rate and fee + receive = amount");
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
    }

    /// <summary>
    /// Valid amounts of a chain with <paramref name="decimals"/>: up to 28 significant digits, at most the chain's
    /// decimals, at most <see cref="Amount.Max"/>.
    /// </summary>
    private static Gen<Amount> AmountWith(int decimals) =>
        Gen.Choose(0, decimals)
            .SelectMany(scale =>
                Gen.Choose(1, Math.Min(28, 18 + scale))
                    .SelectMany(digits =>
                        Gen.ArrayOf(Gen.Choose(0, 9), digits)
                            .Select(d =>
                            {
                                var text = string.Concat(d).TrimStart('0');
                                text = text.Length == 0 ? "1" : text;
                                var value = decimal.Parse(text, CultureInfo.InvariantCulture) / Pow10(scale);
                                return Amount.Of(Math.Min(value, Amount.Max.Value));
                            })
                    )
            );

    private static bool FitsAtDecimals(decimal amount, int decimals)
    {
        var (mantissa, scale) = Parts(amount);
        return scale >= decimals || mantissa * BigInteger.Pow(10, decimals - scale) < BigInteger.One << 96;
    }

    private static decimal Pow10(int n) => n == 0 ? 1m : 10m * Pow10(n - 1);

    /// <summary>
    /// floor(amount × rate) at <paramref name="decimals"/>, computed with integers only (the oracle).
    /// </summary>
    private static decimal ExactFloor(decimal amount, decimal rate, int decimals)
    {
        var (product, scale) = ExactProduct(amount, rate);
        if (scale > decimals)
        {
            product /= BigInteger.Pow(10, scale - decimals);
            scale = decimals;
        }

        return decimal.Parse(product.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            / Pow10(scale);
    }

    private static (BigInteger Mantissa, int Scale) ExactProduct(decimal amount, decimal rate)
    {
        var (am, ascale) = Parts(amount);
        var (rm, rscale) = Parts(rate);
        return (am * rm, ascale + rscale);
    }

    private static (BigInteger Mantissa, int Scale) Parts(decimal value)
    {
        var bits = decimal.GetBits(value);
        var mantissa =
            new BigInteger((uint)bits[0])
            | (new BigInteger((uint)bits[1]) << 32)
            | (new BigInteger((uint)bits[2]) << 64);
        return (mantissa, (bits[3] >> 16) & 0xff);
    }
}
