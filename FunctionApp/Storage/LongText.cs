using System.Text;
using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Text longer than one Table Storage string property (64 KiB, 32K UTF-16 characters) kept in an entity as
/// numbered properties <c>{prefix}0</c>, <c>{prefix}1</c>, … and read back whole.
/// </summary>
public static class LongText
{
    private const int ChunkChars = 30_000;

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
