using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
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
        var options = OptionsByCap.GetOrAdd(entryCap, Options);
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
                    : BlockJson.TryRead(
                        block.Fields,
                        block.Transactions ?? throw new InvalidDataException("transactions must be an array"),
                        out var error
                    ) ?? throw new InvalidDataException($"block {at}: {error}")
            );
        }

        return blocks;
    }

    /// <summary>
    /// The serializer's own object and collection converters, which read a block member by member and its entries one
    /// at a time as the bytes arrive (a converter of our own would make it buffer each whole block first: ~2 MB for
    /// 10,000 entries, a large-object allocation every block), with the cap handed to the objects they create.
    /// </summary>
    private static JsonSerializerOptions Options(int entryCap) =>
        new()
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver
            {
                Modifiers =
                {
                    info =>
                    {
                        if (info.Type == typeof(WireBlock))
                        {
                            info.CreateObject = () => new WireBlock(entryCap);
                        }
                        else if (info.Type == typeof(WireEntries))
                        {
                            info.CreateObject = () => new WireEntries(entryCap);
                        }
                    },
                },
            },
        };

    private sealed class WirePage
    {
        [JsonPropertyName("blocks")]
        public List<WireBlock?>? Blocks { get; set; }
    }

    /// <summary>
    /// One block: its header fields as they came (a repeated member name: the last one counts) and its entries.
    /// </summary>
    private sealed class WireBlock(int entryCap)
    {
        [JsonExtensionData]
        public Dictionary<string, JsonElement> Fields { get; set; } = new(StringComparer.Ordinal);

        [JsonPropertyName("transactions")]
        public WireEntries? Transactions { get; set; }

        /// <summary>Refused as soon as it is read when it announces more entries than the cap.</summary>
        [JsonPropertyName("tx_count")]
        public JsonElement TxCount
        {
            get => Fields["tx_count"];
            set
            {
                if (value.ValueKind == JsonValueKind.Number && (!value.TryGetInt64(out var count) || count > entryCap))
                {
                    throw new InvalidDataException(
                        $"tx_count {value.GetRawText()} is over the chain's max_block_tx {entryCap}"
                    );
                }

                Fields["tx_count"] = value;
            }
        }
    }

    /// <summary>A block's entries, refused at the first one past the cap, whatever the header said.</summary>
    private sealed class WireEntries(int entryCap) : ICollection<JsonElement>, IReadOnlyList<JsonElement>
    {
        private readonly List<JsonElement> _entries = [];

        public int Count => _entries.Count;

        public bool IsReadOnly => false;

        public JsonElement this[int index] => _entries[index];

        public void Add(JsonElement item)
        {
            if (_entries.Count == entryCap)
            {
                throw new InvalidDataException(
                    $"a block holds more transactions than the chain's max_block_tx {entryCap}"
                );
            }

            _entries.Add(item);
        }

        public void Clear() => _entries.Clear();

        public bool Contains(JsonElement item) => _entries.Contains(item);

        public void CopyTo(JsonElement[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

        public bool Remove(JsonElement item) => _entries.Remove(item);

        public IEnumerator<JsonElement> GetEnumerator() => _entries.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
