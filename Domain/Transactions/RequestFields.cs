using System.Text.Json;

namespace SmartChain.Domain.Transactions;

/// <summary>Checks shared by every request body: an object holding exactly the expected fields.</summary>
public static class RequestFields
{
    public const int MaxTextLength = 128;

    /// <summary>Null when <paramref name="body"/> is an object with all of <paramref name="required"/> and nothing else.</summary>
    public static string? CheckExactly(JsonElement body, params string[] required)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return "the body must be a JSON object";
        }

        foreach (var property in body.EnumerateObject())
        {
            if (Array.IndexOf(required, property.Name) < 0)
            {
                return $"unknown field '{property.Name}'; expected only {string.Join(", ", required)}";
            }
        }

        var missing = required.Where(name => !body.TryGetProperty(name, out _)).ToArray();
        return missing.Length > 0 ? $"missing field(s): {string.Join(", ", missing)}" : null;
    }

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
