using System.Globalization;

namespace SmartChain.Domain.Canonical;

/// <summary>
/// Formats IEEE 754 doubles exactly as ECMAScript's <c>Number::toString</c> does
/// (ECMA-262 §7.1.12.1 including "Note 2"), which RFC 8785 (JCS) §3.2.2.3 mandates for
/// every JSON number in canonical output.
/// </summary>
public static class EcmaScriptNumber
{
    // The longest possible output is 25 chars ("-0.0000033333333333333333" or
    // "-1.7976931348623157e+308"); a little slack keeps callers' stack buffers simple.
    internal const int MaxLength = 32;

    // 2^53: below this every integral double is exact, so its ES text is simply its integer value.
    private const double ExactIntegerLimit = 9007199254740992d;

    /// <summary>Returns the ECMAScript string form of <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The value is NaN or infinite; JSON cannot express it.</exception>
    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var length = Format(value, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>
    /// Writes the ECMAScript form of <paramref name="value"/> into <paramref name="destination"/>
    /// (at least <see cref="MaxLength"/> chars) and returns the number of chars written.
    /// </summary>
    internal static int Format(double value, Span<char> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException(
                "NaN and Infinity cannot be represented in JSON (RFC 8785 §3.2.2.3).",
                nameof(value)
            );
        }

        // Covers -0 too: ES prints negative zero as "0".
        if (value == 0)
        {
            destination[0] = '0';
            return 1;
        }

        var pos = 0;
        if (value < 0)
        {
            destination[pos++] = '-';
            value = -value;
        }

        // Fast path for the common case; ES prints such integers with all their digits.
        if (value < ExactIntegerLimit && value == Math.Floor(value))
        {
            ((long)value).TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture);
            return pos + written;
        }

        // .NET's "R" yields the shortest round-tripping digits, choosing the closest candidate
        // when several exist, which is precisely ES "Note 2". Only the layout differs, so the
        // digits are extracted here and laid out again by the ES rules.
        Span<char> raw = stackalloc char[MaxLength];
        if (!value.TryFormat(raw, out var rawLength, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("Unexpectedly long round-trip representation.");
        }

        // ES describes the value as digits × 10^(n − k) with k significant digits; n is the
        // position of the decimal point relative to the first significant digit.
        Span<char> digits = stackalloc char[MaxLength];
        var k = 0;
        var n = 0;
        var afterPoint = false;
        var i = 0;
        for (; i < rawLength; i++)
        {
            var c = raw[i];
            if (c == '.')
            {
                afterPoint = true;
                continue;
            }

            if (c is 'E' or 'e')
            {
                break;
            }

            if (k == 0 && c == '0')
            {
                // Leading zeros are not significant, but those after the point move it.
                if (afterPoint)
                {
                    n--;
                }

                continue;
            }

            digits[k++] = c;
            if (!afterPoint)
            {
                n++;
            }
        }

        if (i < rawLength)
        {
            n += int.Parse(raw[(i + 1)..rawLength], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        // Trailing zeros of an integer part are not significant digits in the ES sense.
        while (k > 1 && digits[k - 1] == '0')
        {
            k--;
        }

        return pos + Layout(digits[..k], n, destination[pos..]);
    }

    // ECMA-262 §7.1.12.1 steps 6-10.
    private static int Layout(ReadOnlySpan<char> digits, int n, Span<char> destination)
    {
        var k = digits.Length;
        var pos = 0;

        if (k <= n && n <= 21)
        {
            digits.CopyTo(destination);
            pos = k;
            destination.Slice(pos, n - k).Fill('0');
            return n;
        }

        if (0 < n && n <= 21)
        {
            digits[..n].CopyTo(destination);
            pos = n;
            destination[pos++] = '.';
            digits[n..].CopyTo(destination[pos..]);
            return pos + (k - n);
        }

        if (-6 < n && n <= 0)
        {
            destination[pos++] = '0';
            destination[pos++] = '.';
            destination.Slice(pos, -n).Fill('0');
            pos += -n;
            digits.CopyTo(destination[pos..]);
            return pos + k;
        }

        destination[pos++] = digits[0];
        if (k > 1)
        {
            destination[pos++] = '.';
            digits[1..].CopyTo(destination[pos..]);
            pos += k - 1;
        }

        var exponent = n - 1;
        destination[pos++] = 'e';
        destination[pos++] = exponent < 0 ? '-' : '+';
        Math.Abs(exponent).TryFormat(destination[pos..], out var written, default, CultureInfo.InvariantCulture);
        return pos + written;
    }
}
