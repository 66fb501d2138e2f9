using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// Reads a page of blocks (<c>{"blocks": [...]}</c>) from another node as it streams in, a block at a time, and
/// refuses a block over the chain's entry cap before holding its entries: a <c>tx_count</c> over the cap is refused
/// when it is read, and the entries stop being parsed at the cap whatever the header said. Anything malformed is
/// an <see cref="InvalidDataException"/> or a <see cref="JsonException"/>, never anything else.
/// </summary>
public static class BlockPageReader
{
    private static readonly ConcurrentDictionary<int, JsonSerializerOptions> OptionsByCap = new();

    /// <summary>The most entries any block of <paramref name="chain"/> may hold (a genesis: its allocations).</summary>
    public static int EntryCap(ChainSettings chain) => Math.Max(chain.MaxBlockTx, chain.Genesis.Count);

    public static async Task<IReadOnlyList<Block>> ReadAsync(
        Stream page,
        long from,
        int entryCap,
        CancellationToken cancellationToken
    )
    {
        var options = OptionsByCap.GetOrAdd(
            entryCap,
            cap => new JsonSerializerOptions { Converters = { new WireBlockConverter(cap) } }
        );
        var wire =
            await JsonSerializer.DeserializeAsync<WirePage>(page, options, cancellationToken)
            ?? throw new InvalidDataException("the blocks page is null");
        var blocks = new List<Block>();
        foreach (var block in wire.Blocks ?? throw new InvalidDataException("the page has no blocks array"))
        {
            var at = from + blocks.Count;
            blocks.Add(
                block is null
                    ? throw new InvalidDataException($"block {at}: a block must be a JSON object")
                    : BlockJson.TryRead(block.Fields, block.Transactions, out var error)
                        ?? throw new InvalidDataException($"block {at}: {error}")
            );
        }

        return blocks;
    }

    private sealed class WirePage
    {
        [JsonPropertyName("blocks")]
        public List<WireBlock?>? Blocks { get; set; }
    }

    private sealed record WireBlock(Dictionary<string, JsonElement> Fields, List<JsonElement> Transactions);

    /// <summary>One block, the entry cap applied while reading (a repeated member name: the last one counts).</summary>
    private sealed class WireBlockConverter(int entryCap) : JsonConverter<WireBlock>
    {
        public override WireBlock Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidDataException("a block must be a JSON object");
            }

            var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            List<JsonElement>? transactions = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (name == "transactions")
                {
                    transactions = ReadEntries(ref reader);
                    continue;
                }

                var value = JsonElement.ParseValue(ref reader);
                var overCap =
                    value.ValueKind == JsonValueKind.Number && (!value.TryGetInt64(out var count) || count > entryCap);
                if (name == "tx_count" && overCap)
                {
                    throw new InvalidDataException(
                        $"tx_count {value.GetRawText()} is over the chain's max_block_tx {entryCap}"
                    );
                }

                fields[name] = value;
            }

            return new WireBlock(
                fields,
                transactions ?? throw new InvalidDataException("transactions must be an array")
            );
        }

        public override void Write(Utf8JsonWriter writer, WireBlock value, JsonSerializerOptions options) =>
            throw new NotSupportedException("a replica only reads pages");

        private List<JsonElement> ReadEntries(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new InvalidDataException("transactions must be an array");
            }

            var entries = new List<JsonElement>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (entries.Count == entryCap)
                {
                    throw new InvalidDataException(
                        $"a block holds more transactions than the chain's max_block_tx {entryCap}"
                    );
                }

                entries.Add(JsonElement.ParseValue(ref reader));
            }

            return entries;
        }
    }
}
