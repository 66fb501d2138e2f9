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
            blocks.Add(ToBlock(block, at: from + blocks.Count));
        }

        return blocks;
    }

    private static Block ToBlock(WireBlock? block, long at)
    {
        if (block is null)
        {
            throw new InvalidDataException($"block {at}: a block must be a JSON object");
        }

        var entries = block.Transactions ?? throw new InvalidDataException("transactions must be an array");
        if (entries.Error is { } refused)
        {
            throw new InvalidDataException($"block {at}: {refused}");
        }

        return BlockJson.FromEntries(block.Fields, entries.Texts, out var error)
            ?? throw new InvalidDataException($"block {at}: {error}");
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

    /// <summary>
    /// A block's entries, refused at the first one past the cap, whatever the header said. Each is kept as its
    /// canonical text as soon as it is read, so its parsed form dies young instead of living, with every other
    /// entry's, until the block ends (~6 MB for 10,000 entries, promoted to the GC's oldest generation on the way).
    /// The first entry that cannot be read is remembered and refuses the block, as <see cref="BlockJson.TryRead(
    /// JsonElement, out string?)"/> would.
    /// </summary>
    /// <remarks>
    /// The serializer only adds; when a read fails it counts the entries to name the failing one's path, through
    /// the non-generic <see cref="System.Collections.ICollection"/>.
    /// </remarks>
    private sealed class WireEntries(int entryCap) : ICollection<JsonElement>, System.Collections.ICollection
    {
        private readonly List<string> _texts = [];

        public IReadOnlyList<string> Texts => _texts;

        /// <summary>Why the first entry that could not be read refuses the block; null while all could.</summary>
        public string? Error { get; private set; }

        public int Count { get; private set; }

        public bool IsReadOnly => false;

        bool System.Collections.ICollection.IsSynchronized => false;

        object System.Collections.ICollection.SyncRoot => this;

        public void Add(JsonElement item)
        {
            if (Count == entryCap)
            {
                throw new InvalidDataException(
                    $"a block holds more transactions than the chain's max_block_tx {entryCap}"
                );
            }

            Count++;
            if (Error is null)
            {
                if (BlockJson.ReadEntry(item, out var error) is { } text)
                {
                    _texts.Add(text);
                }
                else
                {
                    Error = error;
                }
            }
        }

        public void Clear()
        {
            _texts.Clear();
            Error = null;
            Count = 0;
        }

        public bool Contains(JsonElement item) => throw Unread();

        public void CopyTo(JsonElement[] array, int arrayIndex) => throw Unread();

        public bool Remove(JsonElement item) => throw Unread();

        public IEnumerator<JsonElement> GetEnumerator() => throw Unread();

        void System.Collections.ICollection.CopyTo(Array array, int index) => throw Unread();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => throw Unread();

        private static NotSupportedException Unread() => new("a block's entries are kept as their canonical texts");
    }
}
