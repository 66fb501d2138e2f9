using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The tiles of every chain's transparency log (C2SP tlog-tiles), in the chain's <c>blocks</c> partition so they
/// commit in the same entity-group transaction as the block that adds their leaves: a checkpoint (signed from the
/// head) never names a size its tiles cannot prove, whatever instant a producer dies at. Rows are insert-only:
/// <c>t{level}-{index}-{width}</c> (table keys take no "/") (a full tile has width 256; a partial tile of a width, once
/// written, never changes) and <c>e{log size}</c> → the block whose entries end there (for entry bundles and log
/// indexes).
/// </summary>
public sealed class TileStore(Tables tables)
{
    private readonly ConcurrentDictionary<ChainId, (long Size, Dictionary<int, byte[]> Partial)> _edges = new();

    public static string TileRowKey(TileId tile) =>
        string.Create(CultureInfo.InvariantCulture, $"t{tile.Level:D2}-{tile.Index:D15}-{tile.Width:D3}");

    public static string EndRowKey(long logSize) => string.Create(CultureInfo.InvariantCulture, $"e{logSize:D15}");

    /// <summary>
    /// The log rows <paramref name="block"/> adds after <paramref name="head"/>: null for a chain stored before logs.
    /// </summary>
    /// <exception cref="InvalidOperationException">An entry is over 65,535 bytes (input limits make this a
    /// bug).</exception>
    public async Task<LogAppend?> PrepareAsync(
        ChainId chain,
        ChainHead head,
        Block block,
        CancellationToken cancellationToken
    )
    {
        if (head.LogSize is not { } size)
        {
            return null;
        }

        var leaves = new List<byte[]>(block.Transactions.Count);
        foreach (var entry in block.Transactions)
        {
            var bytes = Encoding.UTF8.GetBytes(entry);
            if (bytes.Length > EntryBundle.MaxEntrySize)
            {
                throw new InvalidOperationException(
                    $"chain '{chain}': an entry of {bytes.Length} bytes cannot be logged"
                );
            }

            leaves.Add(MerkleTree.LeafHash(bytes));
        }

        return LogAppend.Of(size, await PartialTilesAsync(chain, size, cancellationToken), leaves);
    }

    /// <summary>The rows of <paramref name="append"/>, to insert in the block's commit.</summary>
    public static IEnumerable<TableEntity> Rows(ChainId chain, LogAppend append, long oldSize, long blockIndex)
    {
        foreach (var (tile, data) in append.Tiles)
        {
            yield return new TableEntity(chain.Value, TileRowKey(tile)) { ["Data"] = data };
        }

        if (append.NewSize > oldSize)
        {
            yield return new TableEntity(chain.Value, EndRowKey(append.NewSize))
            {
                ["Block"] = blockIndex,
                ["Start"] = oldSize,
            };
        }
    }

    /// <summary>Remembers the new right edge of a committed append, so the next block reads no tile.</summary>
    public void Remember(ChainId chain, long oldSize, LogAppend append)
    {
        if (!_edges.TryGetValue(chain, out var old) || old.Size != oldSize)
        {
            return;
        }

        var written = append.Tiles.ToDictionary(t => t.Tile, t => t.Data);
        var partial = new Dictionary<int, byte[]>();
        foreach (var tile in TileId.PartialTiles(append.NewSize))
        {
            partial[tile.Level] = written.TryGetValue(tile, out var data) ? data : old.Partial[tile.Level];
        }

        _edges[chain] = (append.NewSize, partial);
    }

    /// <summary>The stored tile exactly as named; null when there is none.</summary>
    public async Task<byte[]?> ReadAsync(ChainId chain, TileId tile, CancellationToken cancellationToken)
    {
        var row = await tables.Blocks.GetEntityIfExistsAsync<TableEntity>(
            chain.Value,
            TileRowKey(tile),
            ["Data"],
            cancellationToken
        );
        return row.HasValue ? row.Value!.GetBinary("Data") : null;
    }

    /// <summary>
    /// The RFC 6962 proof hashes for <paramref name="ranges"/> in the tree of <paramref name="size"/> leaves, computed
    /// from tiles: each needed tile is read once, at the narrowest stored width that covers the tree.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> HashesAsync(
        ChainId chain,
        IReadOnlyList<LeafRange> ranges,
        long size,
        CancellationToken cancellationToken
    )
    {
        var nodes = ranges.SelectMany(r => r.Subtrees()).ToList();
        var wanted = nodes.Select(n => TileHashes.Locate(n)).Select(l => (l.Level, l.Index)).Distinct().ToList();
        var tiles = new Dictionary<(int, long), byte[]>();
        await Task.WhenAll(
            wanted.Select(async key =>
            {
                var data =
                    await CoveringAsync(chain, TileId.At(key.Level, key.Index, size), cancellationToken)
                    ?? throw new InvalidDataException($"chain '{chain}': tile {key} of size {size} is missing");
                lock (tiles)
                {
                    tiles[key] = data;
                }
            })
        );
        return ranges
            .Select(r =>
                r.Hash(node =>
                {
                    var (level, index, _, _) = TileHashes.Locate(node);
                    return TileHashes.Node(node, tiles[(level, index)]);
                })
            )
            .ToList();
    }

    /// <summary>The block holding log entry <paramref name="leaf"/> and the log size before that block.</summary>
    public async Task<(long Block, long Start)?> BlockOfLeafAsync(
        ChainId chain,
        long leaf,
        CancellationToken cancellationToken
    )
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {chain.Value} and RowKey gt {EndRowKey(leaf)} and RowKey lt {"f"}"
        );
        await foreach (
            var row in tables.Blocks.QueryAsync<TableEntity>(
                filter,
                maxPerPage: 1,
                cancellationToken: cancellationToken
            )
        )
        {
            return (row.GetInt64("Block")!.Value, row.GetInt64("Start")!.Value);
        }

        return null;
    }

    // A tile of at least the wanted width: a wider one holds the same hashes first (tiles only grow).
    private async Task<byte[]?> CoveringAsync(ChainId chain, TileId wanted, CancellationToken cancellationToken)
    {
        var from = TileRowKey(wanted);
        var to = TileRowKey(wanted with { Width = TileId.FullWidth });
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {chain.Value} and RowKey ge {from} and RowKey le {to}"
        );
        await foreach (
            var row in tables.Blocks.QueryAsync<TableEntity>(
                filter,
                maxPerPage: 1,
                select: ["Data"],
                cancellationToken: cancellationToken
            )
        )
        {
            return row.GetBinary("Data")![..(wanted.Width * TileId.HashSize)];
        }

        return null;
    }

    private async Task<Dictionary<int, byte[]>> PartialTilesAsync(
        ChainId chain,
        long size,
        CancellationToken cancellationToken
    )
    {
        if (_edges.TryGetValue(chain, out var edge) && edge.Size == size)
        {
            return edge.Partial;
        }

        var partial = new Dictionary<int, byte[]>();
        foreach (var tile in TileId.PartialTiles(size))
        {
            partial[tile.Level] =
                await ReadAsync(chain, tile, cancellationToken)
                ?? throw new InvalidDataException(
                    $"chain '{chain}': partial tile {tile.Path} of log size {size} is missing"
                );
        }

        _edges[chain] = (size, partial);
        return partial;
    }
}
