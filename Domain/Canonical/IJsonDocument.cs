using System.Text.Json;
using System.Text.Unicode;

namespace SmartChain.Domain.Canonical;

/// <summary>
/// Parses a message that must be I-JSON (RFC 7493): valid UTF-8, no lone surrogate in any string or member name
/// (escaped or not), no duplicate member name at any depth, no number beyond an IEEE 754 double. What it accepts,
/// <see cref="CanonicalJson"/> can always canonicalize (RFC 8785 §3.2.2), so a request that passed here cannot fail
/// later on its text: every body a node reads goes through this one parser.
/// </summary>
public static class IJsonDocument
{
    /// <summary>
    /// The document, or null with why <paramref name="utf8"/> is not I-JSON. The caller owns the document.
    /// </summary>
    public static JsonDocument? TryParse(ReadOnlyMemory<byte> utf8, int maxDepth, out string? error)
    {
        if (!Utf8.IsValid(utf8.Span))
        {
            error = "the body is not valid UTF-8 (RFC 7493 §2.1)";
            return null;
        }

        try
        {
            // Scanned before the document is built: its duplicate check reads member names, and would trip on a
            // lone surrogate with an exception of its own.
            error = Refusal(utf8.Span, maxDepth);
            if (error is not null)
            {
                return null;
            }

            // Duplicate member names are refused by the parser itself, at every depth, whatever their escaping.
            return JsonDocument.Parse(
                utf8,
                new JsonDocumentOptions { MaxDepth = maxDepth, AllowDuplicateProperties = false }
            );
        }
        catch (JsonException e)
        {
            error = $"the body is not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>
    /// Scans the tokens (a syntax error throws JsonException): strings and names must be whole Unicode, numbers finite
    /// doubles.
    /// </summary>
    private static string? Refusal(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String
                or JsonTokenType.PropertyName when reader.ValueIsEscaped && !Unescapes(ref reader):
                    return "the body holds a lone surrogate in a "
                        + $"{(reader.TokenType == JsonTokenType.String ? "string" : "member name")} "
                        + $"at byte {reader.TokenStartIndex} (RFC 7493 §2.1)";
                case JsonTokenType.Number when !reader.TryGetDouble(out var number) || !double.IsFinite(number):
                    return $"the body holds a number beyond an IEEE 754 double at byte {reader.TokenStartIndex} (RFC "
                        + "7493 §2.2)";
            }
        }

        return null;
    }

    /// <summary>
    /// Raw UTF-8 was validated above, so only an escape (\ud800) can still make a lone surrogate; System.Text.Json
    /// refuses to unescape one.
    /// </summary>
    private static bool Unescapes(ref Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
