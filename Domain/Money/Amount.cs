using System.Globalization;
using System.Text.Json;

namespace SmartChain.Domain.Money;

/// <summary>
/// An exact, non-negative quantity of a token. Never a float: it wraps <see cref="decimal"/> (28 significant
/// digits, checked arithmetic) and always prints as a plain decimal string without exponent or trailing zeros,
/// which is the form hashed into blocks.
/// </summary>
public readonly record struct Amount : IComparable<Amount>
{
    /// <summary>The largest amount any chain accepts; keeps every sum of amounts far inside decimal's range.</summary>
    public static readonly Amount Max = new(1_000_000_000_000_000_000m);

    public static readonly Amount Zero = new(0m);

    /// <summary>Digits a decimal always holds exactly (its 96-bit mantissa holds every 28-digit integer).</summary>
    public const int MaxSignificantDigits = 28;

    public decimal Value { get; }

    private Amount(decimal value) => Value = value;

    /// <summary>
    /// Parses an amount written as a string (on the wire, on the command line, in a block) for a chain with
    /// <paramref name="decimals"/>: only the strict grammar of <see cref="DecimalText"/> — no sign, no exponent.
    /// </summary>
    public static AmountParse Parse(string text, int decimals) =>
        text.Length <= MaxTextLength && DecimalText.IsPlain(text)
            ? Exact(text, decimals)
            : AmountParse.Fail(
                "amount must be a plain positive decimal number such as \"12.5\" (digits, at most one point, "
                    + "no sign, exponent or leading zero)"
            );

    /// <summary>
    /// Parses the text of a JSON number (RFC 8259 grammar, already checked by the JSON parser): SPEC §6 accepts a
    /// number on input, exponent included (1e6), and the parse stays exact because decimal is.
    /// </summary>
    public static AmountParse ParseNumber(string jsonNumber, int decimals) =>
        jsonNumber.Length <= MaxTextLength && !jsonNumber.StartsWith('-')
            ? Exact(jsonNumber, decimals)
            : AmountParse.Fail("amount must be a positive number");

    /// <summary>
    /// An amount given as a JSON string (strict grammar) or a JSON number (kept exact: never read as a double).
    /// </summary>
    public static AmountParse Read(JsonElement value, int decimals) =>
        value.ValueKind switch
        {
            JsonValueKind.String => Parse(value.GetString()!, decimals),
            JsonValueKind.Number => ParseNumber(value.GetRawText(), decimals),
            _ => AmountParse.Fail("amount must be a decimal string or a JSON number"),
        };

    private const int MaxTextLength = 64;

    private static AmountParse Exact(string text, int decimals)
    {
        if (
            text.Length == 0
            || !decimal.TryParse(
                text,
                NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture,
                out var value
            )
        )
        {
            return AmountParse.Fail("amount must be a plain positive decimal number such as \"12.5\"");
        }

        if (value <= 0m)
        {
            return AmountParse.Fail("amount must be greater than zero");
        }

        if (value > Max.Value)
        {
            return AmountParse.Fail($"amount must not exceed {Max}");
        }

        // decimal.TryParse rounds past 28 significant digits ("1.00000000000000000000000000001" becomes 1), so the
        // decimals and the precision are judged on the text itself: an accepted amount is exactly the amount sent.
        var (significant, places) = Precision(text);
        if (places > decimals)
        {
            return AmountParse.Fail($"amount has more than {decimals} decimal places");
        }

        if (significant > MaxSignificantDigits)
        {
            return AmountParse.Fail($"amount must have at most {MaxSignificantDigits} significant digits");
        }

        return AmountParse.Ok(new Amount(value));
    }

    /// <summary>
    /// Significant digits and decimal places of a number's text that decimal.TryParse accepted (digits, point,
    /// exponent).
    /// </summary>
    private static (int Significant, long Places) Precision(string text)
    {
        var e = text.IndexOfAny(['e', 'E']);
        var mantissa = e < 0 ? text : text[..e];
        var exponent =
            e < 0 ? 0L : long.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var fraction = point < 0 ? string.Empty : mantissa[(point + 1)..];
        var digits = ((point < 0 ? mantissa : mantissa[..point]) + fraction).TrimStart('0');
        var trimmed = digits.TrimEnd('0');

        // value = trimmed × 10^power
        var power = exponent - fraction.Length + (digits.Length - trimmed.Length);
        return (trimmed.Length, Math.Max(0, -power));
    }

    /// <summary>Builds an amount from a value known to be valid (e.g. read back from a verified block).</summary>
    public static Amount Of(decimal value)
    {
        if (value < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "an amount is never negative");
        }

        return new Amount(value);
    }

    public static Amount operator +(Amount a, Amount b) => new(checked(a.Value + b.Value));

    public static Amount operator -(Amount a, Amount b) => Of(a.Value - b.Value);

    public static bool operator <(Amount a, Amount b) => a.Value < b.Value;

    public static bool operator >(Amount a, Amount b) => a.Value > b.Value;

    public static bool operator <=(Amount a, Amount b) => a.Value <= b.Value;

    public static bool operator >=(Amount a, Amount b) => a.Value >= b.Value;

    public int CompareTo(Amount other) => Value.CompareTo(other.Value);

    /// <summary>Plain decimal, no exponent, no trailing zeros: "50", "999950", "0.299985".</summary>
    public override string ToString()
    {
        var text = Value.ToString("0.############################", CultureInfo.InvariantCulture);
        return text;
    }
}

/// <summary>The outcome of parsing an amount: the amount, or why the text is not one.</summary>
public readonly record struct AmountParse(Amount Amount, string? Error)
{
    public bool IsValid => Error is null;

    public static AmountParse Ok(Amount amount) => new(amount, null);

    public static AmountParse Fail(string error) => new(default, error);
}
