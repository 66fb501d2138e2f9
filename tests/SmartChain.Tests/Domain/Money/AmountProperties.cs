using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Money;

namespace SmartChain.Tests.Domain.Money;

/// <summary>
/// Hostile amounts (issue 11, finding 9): strings built from the characters lenient parsers like, mutations of good
/// amounts, and JSON number texts with signs, exponents and many digits. The parsers never throw, a string is taken
/// only in the strict grammar, and whatever is taken prints back to itself.
/// </summary>
public sealed partial class AmountProperties
{
    private static readonly char[] Alphabet =
    [
        '0',
        '0',
        '1',
        '5',
        '9',
        '.',
        '.',
        'e',
        'E',
        '+',
        '-',
        ' ',
        ',',
        '_',
        'x',
        '٥',
        '\u0000',
        '\n',
    ];

    [Fact]
    public void AStringIsTakenOnlyInTheStrictGrammarAndPrintsBackExactly()
    {
        var property = Prop.ForAll(
            HostileStrings().ToArbitrary(),
            Gen.Choose(0, 18).ToArbitrary(),
            (text, decimals) =>
            {
                var parsed = Amount.Parse(text, decimals);
                if (!parsed.IsValid)
                {
                    return (parsed.Error is not null).Label($"'{text}' refused without a reason");
                }

                var reparsed = Amount.Parse(parsed.Amount.ToString(), decimals);
                return (
                    Strict().IsMatch(text)
                    && parsed.Amount.Value > 0m
                    && reparsed.IsValid
                    && reparsed.Amount == parsed.Amount
                    && decimal.Parse(text, CultureInfo.InvariantCulture) == parsed.Amount.Value
                ).Label($"'{text}' with {decimals} decimals was taken as {parsed.Amount}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void EveryStrictStringWithinTheChainsDecimalsIsTaken()
    {
        var strict =
            from whole in Gen.OneOf(
                Gen.Constant("0"),
                Gen.Choose(1, 999_999_999).Select(n => n.ToString(CultureInfo.InvariantCulture))
            )
            from fraction in Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), n))
            select fraction.Length == 0 ? whole : $"{whole}.{new string(fraction)}";
        var property = Prop.ForAll(
            strict.ToArbitrary(),
            text =>
            {
                var parsed = Amount.Parse(text, 8);
                var positive = decimal.Parse(text, CultureInfo.InvariantCulture) > 0m;
                return (
                    parsed.IsValid == positive
                    && (!positive || parsed.Amount.Value == decimal.Parse(text, CultureInfo.InvariantCulture))
                ).Label($"'{text}': {parsed.Error}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public void AJsonNumberIsReadExactlyOrRefusedNeverThrown()
    {
        var property = Prop.ForAll(
            JsonNumbers().ToArbitrary(),
            Gen.Choose(0, 18).ToArbitrary(),
            (number, decimals) =>
            {
                var parsed = Amount.ParseNumber(number, decimals);
                if (!parsed.IsValid)
                {
                    return (parsed.Error is not null).Label($"{number} refused without a reason");
                }

                // Taken: positive, within the maximum and the chain's decimals, and printed in the strict grammar.
                var printed = parsed.Amount.ToString();
                return (
                    parsed.Amount.Value > 0m
                    && parsed.Amount <= Amount.Max
                    && Strict().IsMatch(printed)
                    && decimal.Round(parsed.Amount.Value, decimals) == parsed.Amount.Value
                    && Amount.Parse(printed, decimals).Amount == parsed.Amount
                ).Label($"{number} with {decimals} decimals was taken as {printed}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void FeeRatesFollowTheSameGrammar()
    {
        var property = Prop.ForAll(
            HostileStrings().ToArbitrary(),
            text =>
            {
                var rate = FeeRate.TryParse(text);
                return (rate is null || (Strict().IsMatch(text) && rate.Value.Value < 1m)).Label(
                    $"fee rate '{text}' was taken"
                );
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    /// <summary>Random strings over a hostile alphabet, and good amounts with one hostile edit.</summary>
    private static Gen<string> HostileStrings()
    {
        var random = Gen.Choose(0, 70)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements(Alphabet), n))
            .Select(chars => new string(chars));
        var good = Gen.Elements("0.5", "10", "12.5", "1000000", "0.00000001", "999999999999999999", "1.123456789");
        var edit =
            from text in good
            from at in Gen.Choose(0, text.Length)
            from c in Gen.Elements(Alphabet)
            from kind in Gen.Choose(0, 3)
            select kind switch
            {
                0 => text.Insert(at, c.ToString()),
                1 => "0" + text,
                2 => text + "e" + at,
                _ => at < text.Length ? text.Remove(at, 1) : text,
            };
        return Gen.OneOf(random, edit, good);
    }

    /// <summary>
    /// JSON number texts (RFC 8259 grammar): a sign, leading digits, a fraction, an exponent with a sign and many
    /// digits.
    /// </summary>
    private static Gen<string> JsonNumbers()
    {
        var digits = Gen.Choose(1, 40)
            .SelectMany(n => Gen.ArrayOf(Gen.Elements("0123456789".ToCharArray()), n))
            .Select(d => new string(d));
        var integer = Gen.OneOf(Gen.Constant("0"), digits.Select(d => d.TrimStart('0') is { Length: > 0 } t ? t : "1"));
        return from sign in Gen.Elements("", "", "-")
            from whole in integer
            from fraction in Gen.OneOf(Gen.Constant(""), digits.Select(d => "." + d))
            from exponent in Gen.OneOf(
                Gen.Constant(""),
                from e in Gen.Elements("e", "E")
                from s in Gen.Elements("", "+", "-")
                from d in Gen.OneOf(Gen.Choose(0, 30).Select(n => n.ToString(CultureInfo.InvariantCulture)), digits)
                select e + s + d
            )
            select sign + whole + fraction + exponent;
    }

    [GeneratedRegex(@"^(0|[1-9][0-9]*)(\.[0-9]+)?$")]
    private static partial Regex Strict();
}
