using SmartChain.Domain.Merkle;

namespace SmartChain.Domain.Log;

/// <summary>
/// Appending leaves to a tiled log: from the partial tiles of the old size and the new leaf hashes, the tiles that
/// change (full tiles completed, new partial tiles) and the new root. Tiles already stored never change: a full
/// tile is written once, and a partial tile of a given width always has the same content.
/// </summary>
public sealed record LogAppend(long NewSize, byte[] Root, IReadOnlyList<(TileId Tile, byte[] Data)> Tiles)
{
    /// <param name="oldSize">The log's size before the append.</param>
    /// <param name="partialTiles">The data of every tile of <see cref="TileId.PartialTiles"/>(oldSize), by
    /// level.</param>
    /// <param name="leafHashes">RFC 6962 leaf hashes of the appended entries, in order.</param>
    /// <exception cref="ArgumentException">A partial tile is missing or has the wrong width.</exception>
    public static LogAppend Of(
        long oldSize,
        IReadOnlyDictionary<int, byte[]> partialTiles,
        IReadOnlyList<byte[]> leafHashes
    )
    {
        var levels = new List<List<byte[]>>();
        var indexes = new List<long>();
        var changed = new List<bool>();
        for (var level = 0; TileId.HashesAtLevel(level, oldSize) > 0 || level == 0; level++)
        {
            var hashes = TileId.HashesAtLevel(level, oldSize);
            var width = (int)(hashes % TileId.FullWidth);
            var content = new List<byte[]>(TileId.FullWidth);
            if (width > 0)
            {
                if (!partialTiles.TryGetValue(level, out var data) || data.Length != width * TileId.HashSize)
                {
                    throw new ArgumentException(
                        $"the partial tile of level {level} (width {width}) is missing or wrong"
                    );
                }

                content.AddRange(data.Chunk(TileId.HashSize));
            }

            levels.Add(content);
            indexes.Add(hashes / TileId.FullWidth);
            changed.Add(false);
        }

        var tiles = new List<(TileId, byte[])>();
        foreach (var leaf in leafHashes)
        {
            Push(0, leaf);
        }

        for (var level = 0; level < levels.Count; level++)
        {
            if (changed[level] && levels[level].Count > 0)
            {
                tiles.Add((new TileId(level, indexes[level], levels[level].Count), Concat(levels[level])));
            }
        }

        var newSize = oldSize + leafHashes.Count;
        // Every node of the root's decomposition lies in the rightmost partial tile of its level (tiles.md).
        var root = new LeafRange(0, newSize).Hash(node =>
        {
            var (level, _, _, _) = TileHashes.Locate(node);
            return TileHashes.Node(node, Concat(levels[level]));
        });
        return new LogAppend(newSize, root, tiles);

        void Push(int level, byte[] hash)
        {
            if (level == levels.Count)
            {
                levels.Add(new List<byte[]>(TileId.FullWidth));
                indexes.Add(0);
                changed.Add(false);
            }

            levels[level].Add(hash);
            changed[level] = true;
            if (levels[level].Count == TileId.FullWidth)
            {
                var data = Concat(levels[level]);
                tiles.Add((new TileId(level, indexes[level], TileId.FullWidth), data));
                levels[level].Clear();
                indexes[level]++;
                Push(level + 1, TileHashes.Root(data));
            }
        }
    }

    private static byte[] Concat(List<byte[]> hashes)
    {
        var data = new byte[hashes.Count * TileId.HashSize];
        for (var i = 0; i < hashes.Count; i++)
        {
            hashes[i].CopyTo(data, i * TileId.HashSize);
        }

        return data;
    }
}
