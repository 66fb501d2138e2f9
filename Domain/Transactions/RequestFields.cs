using System.Text.Json;

namespace SmartChain.Domain.Transactions;

/// <summary>Checks shared by request bodies; their shape check is <see cref="ExactFields.Check"/>.</summary>
public static class RequestFields
{
    public const int MaxTextLength = 128;

    /// <summary>A short printable name such as a sender or recipient; null when it is not one.</summary>
    public static string? CheckName(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return $"{field} must be a string";
        }

        var text = value.GetString()!;
        if (text.Length is 0 or > MaxTextLength || text.Any(char.IsControl))
        {
            return $"{field} must be 1–{MaxTextLength} printable characters";
        }

        return null;
    }
}
