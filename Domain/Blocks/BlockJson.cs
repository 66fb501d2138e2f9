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
        foreach (var tx in block.Transactions)
        {
            writer.WriteRawValue(tx, skipInputValidation: true);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a served block; null with a reason when its shape is wrong (verification comes after).</summary>
    public static Block? TryRead(JsonElement json, out string? error)
    {
        error = null;
        try
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                error = "a block must be a JSON object";
                return null;
            }

            var transactions = json.GetProperty("transactions");
            if (transactions.ValueKind != JsonValueKind.Array)
            {
                error = "transactions must be an array";
                return null;
            }

            var texts = new List<string>(transactions.GetArrayLength());
            foreach (var tx in transactions.EnumerateArray())
            {
                if (tx.ValueKind != JsonValueKind.Object)
                {
                    error = "every transaction must be a JSON object";
                    return null;
                }

                texts.Add(CanonicalJson.ToText(tx));
            }

            return new Block
            {
                Header = new BlockHeader
                {
                    Chain = json.GetProperty("chain").GetString()!,
                    Index = json.GetProperty("index").GetInt64(),
                    TimestampMs = json.GetProperty("timestamp_ms").GetInt64(),
                    PreviousHash = json.GetProperty("previous_hash").GetString()!,
                    MerkleRoot = json.GetProperty("merkle_root").GetString()!,
                    TxCount = json.GetProperty("tx_count").GetInt32(),
                },
                Hash = json.GetProperty("hash").GetString()!,
                Signature = json.GetProperty("signature").GetString()!,
                Transactions = texts,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            error = $"malformed block: {e.Message}";
            return null;
        }
    }
}
