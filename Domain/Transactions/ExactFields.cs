using System.Text.Json;

namespace SmartChain.Domain.Transactions;

/// <summary>Whose fields <see cref="ExactFields.Check"/> checks; it picks only the wording of the error.</summary>
public enum FieldsOf
{
    /// <summary>A request body: the error goes back to the client in a 400.</summary>
    Request,

    /// <summary>A block entry: the error goes into a verification report, after the block and entry position.</summary>
    Entry,
}

/// <summary>
/// The one shape check of request bodies and block entries: an object holding exactly the expected fields,
/// all of them and nothing else. Requests and entries keep their own (unchanged) wording.
/// </summary>
public static class ExactFields
{
    /// <summary>
    /// Null when <paramref name="value"/> is an object with all of <paramref name="fields"/> and nothing else.
    /// </summary>
    public static string? Check(JsonElement value, FieldsOf of, params string[] fields)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return of == FieldsOf.Request ? "the body must be a JSON object" : "entry must be an object";
        }

        foreach (var property in value.EnumerateObject())
        {
            if (Array.IndexOf(fields, property.Name) < 0)
            {
                return of == FieldsOf.Request
                    ? $"unknown field '{property.Name}'; expected only {string.Join(", ", fields)}"
                    : $"unexpected field '{property.Name}'";
            }
        }

        // Presence of each name, not a count of members: a repeated member cannot stand in for a missing one.
        var missing = fields.Where(name => !value.TryGetProperty(name, out _)).ToArray();
        if (missing.Length == 0)
        {
            return null;
        }

        return of == FieldsOf.Request
            ? $"missing field(s): {string.Join(", ", missing)}"
            : $"entry must have the fields {string.Join(", ", fields)}";
    }
}
