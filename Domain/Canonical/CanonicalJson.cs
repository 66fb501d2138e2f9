using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Domain.Canonical;

/// <summary>
/// Serializes JSON into its RFC 8785 (JSON Canonicalization Scheme) form, so that the same
/// logical document always yields the same bytes to hash or sign, whoever produced it.
/// </summary>
/// <remarks>
/// Object members are sorted by UTF-16 code units, no whitespace is emitted, strings use the
/// minimal JCS escaping and every number is written as the ECMAScript form of its IEEE 754
/// double value. Input that JCS cannot represent (duplicate member names, lone surrogates,
/// NaN or Infinity, numbers beyond the double range) raises <see cref="ArgumentException"/>.
/// </remarks>
public static class CanonicalJson
{
    // Room for the longest escape ("\u00xx") or a four-byte UTF-8 sequence, so the string
    // writer only has to check for space once per input char.
    private const int MaxBytesPerChar = 6;
    private const int ChunkSize = 512;

    private static ReadOnlySpan<byte> Null => "null"u8;
    private static ReadOnlySpan<byte> True => "true"u8;
    private static ReadOnlySpan<byte> False => "false"u8;
    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    /// <summary>Canonical UTF-8 bytes of <paramref name="node"/>; a null node is JSON <c>null</c>.</summary>
    public static byte[] ToBytes(JsonNode? node)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteNode(writer, node);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical text of <paramref name="node"/>; a null node is JSON <c>null</c>.</summary>
    public static string ToText(JsonNode? node)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteNode(writer, node);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    /// <summary>Canonical UTF-8 bytes of <paramref name="element"/>.</summary>
    public static byte[] ToBytes(JsonElement element)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteElement(writer, element);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Canonical text of <paramref name="element"/>.</summary>
    public static string ToText(JsonElement element)
    {
        var writer = new ArrayBufferWriter<byte>();
        WriteElement(writer, element);
        return Encoding.UTF8.GetString(writer.WrittenSpan);
    }

    private static void WriteElement(ArrayBufferWriter<byte> writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteElementObject(writer, element);
                break;
            case JsonValueKind.Array:
                WriteByte(writer, (byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    first = false;
                    WriteElement(writer, item);
                }

                WriteByte(writer, (byte)']');
                break;
            case JsonValueKind.String:
                WriteString(writer, ReadString(element));
                break;
            case JsonValueKind.Number:
                // TryGetDouble reports overflow as success with an infinite value, which
                // WriteNumber then rejects, so both failure modes end up as ArgumentException.
                if (!element.TryGetDouble(out var number))
                {
                    throw new ArgumentException($"JSON number '{element.GetRawText()}' is not an IEEE 754 double.");
                }

                WriteNumber(writer, number);
                break;
            case JsonValueKind.True:
                writer.Write(True);
                break;
            case JsonValueKind.False:
                writer.Write(False);
                break;
            case JsonValueKind.Null:
                writer.Write(Null);
                break;
            default:
                throw new ArgumentException(
                    $"JSON element of kind {element.ValueKind} cannot be canonicalized.",
                    nameof(element)
                );
        }
    }

    private static void WriteElementObject(ArrayBufferWriter<byte> writer, JsonElement element)
    {
        var members = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in element.EnumerateObject())
        {
            members.Add(new(ReadName(property), property.Value));
        }

        WriteMembers(writer, members, static (w, value) => WriteElement(w, value));
    }

    private static void WriteNode(ArrayBufferWriter<byte> writer, JsonNode? node)
    {
        switch (node)
        {
            case null:
                writer.Write(Null);
                break;
            case JsonObject obj:
                var members = new List<KeyValuePair<string, JsonNode?>>(obj.Count);
                foreach (var member in obj)
                {
                    members.Add(member);
                }

                WriteMembers(writer, members, static (w, value) => WriteNode(w, value));
                break;
            case JsonArray array:
                WriteByte(writer, (byte)'[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        WriteByte(writer, (byte)',');
                    }

                    WriteNode(writer, array[i]);
                }

                WriteByte(writer, (byte)']');
                break;
            case JsonValue value:
                WriteValue(writer, value);
                break;
            default:
                throw new ArgumentException($"Unsupported JSON node type {node.GetType()}.", nameof(node));
        }
    }

    private static void WriteValue(ArrayBufferWriter<byte> writer, JsonValue value)
    {
        // Parsed documents wrap JsonElements; reuse the element path so both agree exactly.
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(writer, element);
            return;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.String when value.TryGetValue<string>(out var text):
                WriteString(writer, text);
                return;
            case JsonValueKind.Number when value.TryGetValue<double>(out var d):
                WriteNumber(writer, d);
                return;
            case JsonValueKind.Number when value.TryGetValue<long>(out var l):
                // Same rounding as parsing the integer's JSON text as a double.
                WriteNumber(writer, l);
                return;
            case JsonValueKind.Number when value.TryGetValue<int>(out var i):
                WriteNumber(writer, i);
                return;
            case JsonValueKind.Number when value.TryGetValue<decimal>(out var m):
                // The decimal->double cast is not guaranteed to round correctly; parsing the
                // text is, and text is what any other JCS implementation would see.
                WriteNumber(
                    writer,
                    double.Parse(m.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                );
                return;
            case JsonValueKind.True:
                writer.Write(True);
                return;
            case JsonValueKind.False:
                writer.Write(False);
                return;
            case JsonValueKind.Null:
                writer.Write(Null);
                return;
            default:
                // Other CLR payloads (float, char, Guid, DateTime, POCOs...) are canonicalized
                // from the JSON text System.Text.Json would emit for them.
                using (var document = JsonDocument.Parse(value.ToJsonString()))
                {
                    WriteElement(writer, document.RootElement);
                }

                return;
        }
    }

    private static void WriteMembers<TValue>(
        ArrayBufferWriter<byte> writer,
        List<KeyValuePair<string, TValue>> members,
        Action<ArrayBufferWriter<byte>, TValue> writeValue
    )
    {
        // Ordinal comparison of .NET strings is exactly the UTF-16 code unit order JCS requires.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        WriteByte(writer, (byte)'{');
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Duplicate JSON member name \"{members[i].Key}\" (RFC 8785 §3.1).");
                }

                WriteByte(writer, (byte)',');
            }

            WriteString(writer, members[i].Key);
            WriteByte(writer, (byte)':');
            writeValue(writer, members[i].Value);
        }

        WriteByte(writer, (byte)'}');
    }

    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException ex)
        {
            // System.Text.Json refuses escaped lone surrogates here; JCS requires an error too.
            throw new ArgumentException("JSON string is not valid Unicode (RFC 8785 §3.2.2.2).", ex);
        }
    }

    private static string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException("JSON member name is not valid Unicode (RFC 8785 §3.2.2.2).", ex);
        }
    }

    private static void WriteNumber(ArrayBufferWriter<byte> writer, double value)
    {
        Span<char> chars = stackalloc char[EcmaScriptNumber.MaxLength];
        var length = EcmaScriptNumber.Format(value, chars);
        var span = writer.GetSpan(length);
        for (var i = 0; i < length; i++)
        {
            // The ES number alphabet is pure ASCII.
            span[i] = (byte)chars[i];
        }

        writer.Advance(length);
    }

    private static void WriteString(ArrayBufferWriter<byte> writer, string value)
    {
        var span = writer.GetSpan(ChunkSize);
        var pos = 0;
        span[pos++] = (byte)'"';

        for (var i = 0; i < value.Length; i++)
        {
            if (span.Length - pos < MaxBytesPerChar)
            {
                writer.Advance(pos);
                span = writer.GetSpan(ChunkSize);
                pos = 0;
            }

            var c = value[i];
            if (c < 0x80)
            {
                if (c >= 0x20 && c != '"' && c != '\\')
                {
                    span[pos++] = (byte)c;
                    continue;
                }

                span[pos++] = (byte)'\\';
                switch (c)
                {
                    case '"':
                        span[pos++] = (byte)'"';
                        break;
                    case '\\':
                        span[pos++] = (byte)'\\';
                        break;
                    case '\b':
                        span[pos++] = (byte)'b';
                        break;
                    case '\f':
                        span[pos++] = (byte)'f';
                        break;
                    case '\n':
                        span[pos++] = (byte)'n';
                        break;
                    case '\r':
                        span[pos++] = (byte)'r';
                        break;
                    case '\t':
                        span[pos++] = (byte)'t';
                        break;
                    default:
                        span[pos++] = (byte)'u';
                        span[pos++] = (byte)'0';
                        span[pos++] = (byte)'0';
                        span[pos++] = HexDigits[c >> 4];
                        span[pos++] = HexDigits[c & 0xF];
                        break;
                }
            }
            else if (c < 0x800)
            {
                span[pos++] = (byte)(0xC0 | (c >> 6));
                span[pos++] = (byte)(0x80 | (c & 0x3F));
            }
            else if (char.IsSurrogate(c))
            {
                if (!char.IsHighSurrogate(c) || i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    throw new ArgumentException(
                        $"Lone surrogate U+{(int)c:X4} at index {i} cannot be canonicalized (RFC 8785 §3.2.2.2)."
                    );
                }

                var codePoint = char.ConvertToUtf32(c, value[++i]);
                span[pos++] = (byte)(0xF0 | (codePoint >> 18));
                span[pos++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                span[pos++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                span[pos++] = (byte)(0x80 | (codePoint & 0x3F));
            }
            else
            {
                span[pos++] = (byte)(0xE0 | (c >> 12));
                span[pos++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                span[pos++] = (byte)(0x80 | (c & 0x3F));
            }
        }

        if (span.Length - pos < 1)
        {
            writer.Advance(pos);
            span = writer.GetSpan(1);
            pos = 0;
        }

        span[pos++] = (byte)'"';
        writer.Advance(pos);
    }

    private static void WriteByte(ArrayBufferWriter<byte> writer, byte value)
    {
        writer.GetSpan(1)[0] = value;
        writer.Advance(1);
    }
}
