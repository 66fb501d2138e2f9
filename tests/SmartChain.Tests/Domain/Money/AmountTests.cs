using SmartChain.Domain.Money;

namespace SmartChain.Tests.Domain.Money;

public sealed class AmountTests
{
    [Theory]
    [InlineData("12.5", 8, "12.5")]
    [InlineData("1000000", 8, "1000000")]
    [InlineData("0.3", 6, "0.3")]
    [InlineData("0.30000000", 8, "0.3")] // trailing zeros are not extra decimals
    [InlineData("1000000000000000000", 0, "1000000000000000000")] // Amount.Max itself
    [InlineData("0.000000000000000001", 18, "0.000000000000000001")]
    [InlineData("9999999999.999999999999999999", 18, "9999999999.999999999999999999")] // 28 significant digits
    public void ParsesExactPositiveDecimals(string text, int decimals, string canonical)
    {
        var parsed = Amount.Parse(text, decimals);

        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(canonical, parsed.Amount.ToString());
    }

    [Theory]
    [InlineData("-1", "positive")]
    [InlineData("-0.5", "positive")]
    [InlineData("0", "greater than zero")]
    [InlineData("0.000", "greater than zero")]
    public void RejectsNegativeAndZero(string text, string reason)
    {
        var parsed = Amount.Parse(text, 8);

        Assert.False(parsed.IsValid);
        Assert.Contains(reason, parsed.Error);
    }

    [Theory]
    [InlineData("1.123456789", 8)]
    [InlineData("0.1", 0)]
    [InlineData("0.0000001", 6)]
    [InlineData("1.5e-9", 8)]
    [InlineData("1.00000000000000000000000000001", 8)] // 29 decimals: decimal would round it to 1 before any check
    [InlineData("0.00000000000000000000000000001", 18)] // would round to 0
    public void RejectsMoreDecimalsThanTheChainHas(string text, int decimals)
    {
        var parsed = Amount.Parse(text, decimals);

        Assert.False(parsed.IsValid, $"'{text}' was accepted as {parsed.Amount}");
    }

    [Theory]
    [InlineData("123456789012345678.123456789012345678")] // 36 significant digits: decimal would silently round it
    [InlineData("99999999999.999999999999999999")] // 29 significant digits
    public void RejectsAmountsThatCannotBeHeldExactly(string text)
    {
        var parsed = Amount.Parse(text, 18);

        Assert.False(parsed.IsValid, $"'{text}' was accepted as {parsed.Amount}");
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("1e-400")]
    [InlineData("1e19")] // past Amount.Max
    [InlineData("1000000000000000000.1")]
    [InlineData("1e")]
    [InlineData("e5")]
    [InlineData("1e5.5")]
    [InlineData("1e+")]
    [InlineData("1e99999999999999999999")]
    public void RejectsExponentAbuse(string text)
    {
        var parsed = Amount.Parse(text, 8);

        Assert.False(parsed.IsValid, $"'{text}' was accepted as {parsed.Amount}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("1,5")]
    [InlineData("1,000")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    [InlineData("١٢")] // Arabic-Indic digits
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345")] // 65 characters
    public void RejectsText(string text)
    {
        var parsed = Amount.Parse(text, 8);

        Assert.False(parsed.IsValid, $"'{text}' was accepted as {parsed.Amount}");
        Assert.NotNull(parsed.Error);
    }

    [Fact]
    public void PrintsWithoutExponentOrTrailingZeros()
    {
        Assert.Equal("0.00000001", Amount.ParseNumber("1e-8", 8).Amount.ToString());
        Assert.Equal("100000000000000000", Amount.ParseNumber("1E17", 8).Amount.ToString());
        Assert.Equal("2.5", Amount.Parse("2.50", 8).Amount.ToString());
    }

    // Issue 11, finding 9: a string has one strict grammar; the lenient spellings decimal.TryParse took are refused.
    [Theory]
    [InlineData("1e2")]
    [InlineData("1E1")]
    [InlineData("1e+2")]
    [InlineData("1e-2")]
    [InlineData(".5")]
    [InlineData("5.")]
    [InlineData("007")]
    [InlineData("00.5")]
    [InlineData("+5")]
    [InlineData("-5")]
    [InlineData(" 5")]
    [InlineData("5\n")]
    [InlineData("0e5")]
    [InlineData(".")]
    public void RejectsAnyStringOutsideTheStrictGrammar(string text)
    {
        var parsed = Amount.Parse(text, 8);

        Assert.False(parsed.IsValid, $"'{text}' was accepted as {parsed.Amount}");
        Assert.Contains("plain positive decimal", parsed.Error);
    }

    [Theory]
    [InlineData("0.5", "0.5")]
    [InlineData("10", "10")]
    [InlineData("0.05", "0.05")]
    [InlineData("10.50", "10.5")]
    public void AcceptsStrictStrings(string text, string canonical)
    {
        Assert.Equal(canonical, Amount.Parse(text, 8).Amount.ToString());
    }

    [Theory]
    [InlineData("1e6", 8, "1000000")] // a JSON number's exponent, parsed exactly (SPEC §6)
    [InlineData("1.5E2", 0, "150")]
    [InlineData("2.5e-1", 2, "0.25")]
    [InlineData("1E+2", 0, "100")]
    public void JsonNumbersKeepTheirExponent(string number, int decimals, string canonical)
    {
        var parsed = Amount.ParseNumber(number, decimals);

        Assert.True(parsed.IsValid, parsed.Error);
        Assert.Equal(canonical, parsed.Amount.ToString());
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("-0")]
    [InlineData("0e5")]
    [InlineData("0")]
    public void JsonNumbersMustStillBePositive(string number)
    {
        Assert.False(Amount.ParseNumber(number, 8).IsValid);
    }

    [Fact]
    public void SubtractionBelowZeroIsABug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Amount.Of(1m) - Amount.Of(2m));
    }
}
