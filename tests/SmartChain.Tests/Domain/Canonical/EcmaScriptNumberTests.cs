using System.Globalization;
using SmartChain.Domain.Canonical;

namespace SmartChain.Tests.Domain.Canonical;

public class EcmaScriptNumberTests
{
    private static double FromIeeeHex(string hex) =>
        BitConverter.Int64BitsToDouble(long.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    // RFC 8785 Appendix B, Table 1 ("ECMAScript-Compatible JSON Number Serialization Samples"),
    // every finite row.
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void Rfc8785_appendix_b_samples(string ieeeHex, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumber.Format(FromIeeeHex(ieeeHex)));
    }

    // Sample lines of the ES6 number test file described in testdata/README.md of
    // https://github.com/cyberphone/json-canonicalization.
    [Theory]
    [InlineData("4340000000000001", "9007199254740994")]
    [InlineData("4340000000000002", "9007199254740996")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0", "0")]
    public void Cyberphone_es6_sample_lines(string ieeeHex, string expected)
    {
        Assert.Equal(expected, EcmaScriptNumber.Format(FromIeeeHex(ieeeHex)));
    }

    // RFC 8785 Appendix B rows marked (3): NaN and Infinity have no JSON form.
    [Theory]
    [InlineData("7fffffffffffffff")]
    [InlineData("7ff0000000000000")]
    [InlineData("fff0000000000000")]
    public void Non_finite_values_are_rejected(string ieeeHex)
    {
        Assert.Throws<ArgumentException>(() => EcmaScriptNumber.Format(FromIeeeHex(ieeeHex)));
    }

    [Fact]
    public void Output_round_trips_to_the_same_double()
    {
        var random = new Random(8785);
        Span<byte> bits = stackalloc byte[8];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(bits);
            var value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }

            var text = EcmaScriptNumber.Format(value);
            var parsed = double.Parse(text, CultureInfo.InvariantCulture);
            Assert.True(parsed == value, $"{text} does not round-trip to {value:R}");
        }
    }
}
