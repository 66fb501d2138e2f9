using System.Text.Json;

namespace SmartChain.Domain.Transactions;

/// <summary>The shape check every block entry gets: an object with exactly the fields of its type.</summary>
public static class EntryFields
{
    /// <summary>Null when <paramref name="tx"/> is an object holding all of <paramref name="fields"/> and nothing else.</summary>
    public static string? CheckExactly(JsonElement tx, params string[] fields)
    {
        if (tx.ValueKind != JsonValueKind.Object)
        {
            return "entry must be an object";
        }

        var count = 0;
        foreach (var property in tx.EnumerateObject())
        {
            if (Array.IndexOf(fields, property.Name) < 0)
            {
                return $"unexpected field '{property.Name}'";
            }

            count++;
        }

        return count == fields.Length ? null : $"entry must have the fields {string.Join(", ", fields)}";
    }
}
