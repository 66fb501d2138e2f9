using System.Text;
using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Text longer than one Table Storage string property (64 KiB, 32K UTF-16 characters) kept in an entity as
/// numbered properties <c>{prefix}0</c>, <c>{prefix}1</c>, … and read back whole. Reading does not depend on the
/// chunk size, so rows written with other sizes read the same.
/// </summary>
public static class LongText
{
    // Small on purpose. The storage client writes each string property with a Utf8JsonWriter that reserves the
    // worst case of escaping (6 characters per character, then 3 bytes per character): a 30,000-character chunk
    // (the old size) made it rent a 512 KB char[] and grow the entity's buffer past the runtime's 85,000-byte
    // large-object threshold. With 4,000 the char[] stays under it and a replica's sync allocated half as much on the
    // large-object heap (91 against 178 MB in 6 s; its peak did not move beyond the noise, docs/benchmarks.md). A
    // 400,000-character pending row still fits Table Storage's 255 properties an entity (100 chunks).
    private const int ChunkChars = 4_000;

    public static void Write(TableEntity entity, string prefix, string text)
    {
        for (int offset = 0, n = 0; offset < text.Length; n++)
        {
            var length = Math.Min(ChunkChars, text.Length - offset);
            // Never end a chunk between the halves of a surrogate pair (an emoji): a lone half does not survive
            // storage.
            if (offset + length < text.Length && char.IsHighSurrogate(text[offset + length - 1]))
            {
                length--;
            }

            entity[prefix + n] = text.Substring(offset, length);
            offset += length;
        }
    }

    public static string Read(TableEntity entity, string prefix)
    {
        var text = new StringBuilder();
        for (var n = 0; entity.TryGetValue(prefix + n, out var chunk); n++)
        {
            text.Append((string)chunk);
        }

        return text.ToString();
    }
}
