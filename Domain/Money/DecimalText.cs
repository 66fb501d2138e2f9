namespace SmartChain.Domain.Money;

/// <summary>
/// The one grammar of an amount (or a fee rate) written as a string, on the wire and on the command line:
/// <c>0|[1-9][0-9]*</c> optionally followed by <c>.[0-9]+</c> — ASCII digits, at most one point with digits on both
/// sides, no sign, no exponent, no space, no leading zero but the one of "0" or "0.5". One amount has one spelling
/// up to trailing fraction zeros, so a signed payload cannot name one transfer many ways ("1e2", "100", "0100").
/// </summary>
public static class DecimalText
{
    public static bool IsPlain(ReadOnlySpan<char> text)
    {
        var point = text.IndexOf('.');
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "0" : text[(point + 1)..];
        return whole.Length > 0
            && fraction.Length > 0
            && AllDigits(whole)
            && AllDigits(fraction)
            && (whole.Length == 1 || whole[0] != '0');
    }

    private static bool AllDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
