using System.Globalization;
using SmartChain.Domain.Money;

namespace SmartChain.Cli.Ledger;

/// <summary>
/// Checks an amount typed on the command line before it is signed: the node's one grammar (<see cref="DecimalText"/>:
/// "12.5", no sign, no exponent, no leading zero), greater than zero, within the chain's decimals and the ledger's
/// maximum. The text itself is kept, not reformatted, because the signature covers exactly what was typed.
/// </summary>
public static class AmountText
{
    public static string Validate(string text, int decimals, string option = "--amount")
    {
        if (text.Length == 0 || text.Length > 64 || !DecimalText.IsPlain(text))
        {
            throw new CliFailure($"{option} must be a plain decimal number such as 12.5, not '{text}'");
        }

        var parsed = Amount.Parse(text, decimals);
        return parsed.IsValid ? text : throw new CliFailure($"{option} {text}: {parsed.Error}");
    }

    /// <summary>balance − reserved, printed like every amount on the wire.</summary>
    public static string Spendable(string balance, string reserved)
    {
        if (
            !decimal.TryParse(balance, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b)
            || !decimal.TryParse(reserved, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var r)
        )
        {
            throw new CliFailure(
                $"the node served amounts that are not decimal strings: balance '{balance}', reserved '{reserved}'"
            );
        }

        return (b - r).ToString("0.############################", CultureInfo.InvariantCulture);
    }
}
