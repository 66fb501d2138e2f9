using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;

namespace SmartChain.Domain.Transactions;

/// <summary>A record on a data chain (the article's <c>/information/new</c>): any JSON value except null.</summary>
public static class DataRecord
{
    /// <summary>
    /// Canonical size limit of one record's information; keeps an entry well inside a table property.
    /// </summary>
    public const int MaxInformationBytes = 16 * 1024;

    /// <summary>Validates <c>{information}</c>; returns the information's canonical text.</summary>
    public static string? TryRead(JsonElement body, out string? error)
    {
        error = ExactFields.Check(body, FieldsOf.Request, "information");
        if (error is not null)
        {
            return null;
        }

        var information = body.GetProperty("information");
        if (information.ValueKind == JsonValueKind.Null)
        {
            error = "information must not be null";
            return null;
        }

        string canonical;
        try
        {
            canonical = CanonicalJson.ToText(information);
        }
        catch (ArgumentException e)
        {
            error = $"information is not canonicalizable JSON: {e.Message}";
            return null;
        }

        if (System.Text.Encoding.UTF8.GetByteCount(canonical) > MaxInformationBytes)
        {
            error = $"information must be at most {MaxInformationBytes} bytes as canonical JSON";
            return null;
        }

        return canonical;
    }

    public static string ToEntry(string id, string informationCanonical) =>
        CanonicalJson.ToText(
            new JsonObject
            {
                ["id"] = id,
                ["type"] = TransactionType.Record,
                ["information"] = JsonNode.Parse(informationCanonical),
            }
        );
}
