using System.Text.Json;
using SmartChain.Domain.Canonical;

namespace SmartChain.Domain.Blocks;

/// <summary>
/// The wire form of a block: header fields plus <c>hash</c>, <c>signature</c> and <c>transactions</c>.
/// Writing streams the stored canonical transaction texts as they are; reading re-canonicalizes each one so
/// whitespace or key order on the wire cannot change what is verified.
/// </summary>
public static class BlockJson
{
    public static void Write(Utf8JsonWriter writer, Block block)
    {
        WriteOpen(writer, block);
        foreach (var tx in block.Transactions)
        {
            writer.WriteRawValue(tx, skipInputValidation: true);
        }

        WriteClose(writer);
    }

    /// <summary>
    /// Everything before the transactions, for a writer that flushes between them (a block can be megabytes).
    /// </summary>
    public static void WriteOpen(Utf8JsonWriter writer, Block block)
    {
        writer.WriteStartObject();
        writer.WriteString("chain", block.Header.Chain);
        writer.WriteNumber("index", block.Header.Index);
        writer.WriteNumber("timestamp_ms", block.Header.TimestampMs);
        writer.WriteString("previous_hash", block.Header.PreviousHash);
        writer.WriteString("merkle_root", block.Header.MerkleRoot);
        writer.WriteNumber("tx_count", block.Header.TxCount);
        writer.WriteString("hash", block.Hash);
        writer.WriteString("signature", block.Signature);
        writer.WriteStartArray("transactions");
    }

    public static void WriteClose(Utf8JsonWriter writer)
    {
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a served block; null with a reason when its shape is wrong (verification comes after).</summary>
    public static Block? TryRead(JsonElement json, out string? error)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "a block must be a JSON object";
            return null;
        }

        var fields = new Dictionary<string, JsonElement>();
        foreach (var property in json.EnumerateObject())
        {
            fields[property.Name] = property.Value; // a repeated name: the last one counts, as for GetProperty
        }

        if (!json.TryGetProperty("transactions", out var transactions) || transactions.ValueKind != JsonValueKind.Array)
        {
            error = "transactions must be an array";
            return null;
        }

        var texts = new List<string>(transactions.GetArrayLength());
        foreach (var tx in transactions.EnumerateArray())
        {
            if (ReadEntry(tx, out error) is not { } text)
            {
                return null;
            }

            texts.Add(text);
        }

        return FromEntries(fields, texts, out error);
    }

    /// <summary>
    /// One served transaction, re-canonicalized; null with the reason a block holding it is refused. Lets a reader
    /// keep each entry as its text as it arrives instead of holding every entry's parsed form until the block ends.
    /// </summary>
    public static string? ReadEntry(JsonElement tx, out string? error)
    {
        error = null;
        if (tx.ValueKind != JsonValueKind.Object)
        {
            error = "every transaction must be a JSON object";
            return null;
        }

        try
        {
            return CanonicalJson.ToText(tx);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            error = $"malformed block: {e.Message}";
            return null;
        }
    }

    /// <summary>A block from its header fields and its transactions already read by <see cref="ReadEntry"/>.</summary>
    public static Block? FromEntries(
        IReadOnlyDictionary<string, JsonElement> fields,
        IReadOnlyList<string> texts,
        out string? error
    )
    {
        error = null;
        try
        {
            return new Block
            {
                Header = new BlockHeader
                {
                    Chain = fields["chain"].GetString()!,
                    Index = fields["index"].GetInt64(),
                    TimestampMs = fields["timestamp_ms"].GetInt64(),
                    PreviousHash = fields["previous_hash"].GetString()!,
                    MerkleRoot = fields["merkle_root"].GetString()!,
                    TxCount = fields["tx_count"].GetInt32(),
                },
                Hash = fields["hash"].GetString()!,
                Signature = fields["signature"].GetString()!,
                Transactions = texts,
            };
        }
        catch (Exception e) when (IsMalformed(e))
        {
            error = $"malformed block: {e.Message}";
            return null;
        }
    }

    /// <summary>What reading a mis-shaped value throws: a missing member, a wrong kind, a bad number.</summary>
    private static bool IsMalformed(Exception e) =>
        e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException;
}
