using System.Globalization;
using System.Text;

namespace SmartChain.Domain.Log;

/// <summary>
/// A C2SP tlog-tiles tile: level <paramref name="Level"/> (0 = leaf hashes; <see cref="EntriesLevel"/> = the entry
/// bundle), index <paramref name="Index"/> within the level, <paramref name="Width"/> hashes or entries (256 = full).
/// </summary>
public readonly record struct TileId(int Level, long Index, int Width)
{
    public const int Height = 8;
    public const int FullWidth = 256;
    public const int HashSize = 32;
    public const int EntriesLevel = -1;
    public const int MaxLevel = 63;

    public bool IsFull => Width == FullWidth;
    public bool IsEntries => Level == EntriesLevel;

    /// <summary>
    /// The path below the log prefix: <c>tile/&lt;L&gt;/&lt;N&gt;[.p/&lt;W&gt;]</c> or
    /// <c>tile/entries/&lt;N&gt;[.p/&lt;W&gt;]</c>.
    /// </summary>
    public string Path
    {
        get
        {
            var path = new StringBuilder("tile/")
                .Append(IsEntries ? "entries" : Level.ToString(CultureInfo.InvariantCulture))
                .Append('/')
                .Append(EncodeIndex(Index));
            return (IsFull ? path : path.Append(".p/").Append(Width.ToString(CultureInfo.InvariantCulture))).ToString();
        }
    }

    /// <summary>
    /// N as zero-padded 3-digit path elements, all but the last prefixed with 'x': 1234067 → x001/x234/067.
    /// </summary>
    public static string EncodeIndex(long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var groups = new List<string>();
        do
        {
            groups.Add((index % 1000).ToString("D3", CultureInfo.InvariantCulture));
            index /= 1000;
        } while (index > 0);

        groups.Reverse();
        return string.Join('/', groups.Select((g, i) => i < groups.Count - 1 ? "x" + g : g));
    }

    /// <summary>
    /// Parses a path below the log prefix (starting with <c>tile/</c>); null when it is not exactly canonical.
    /// </summary>
    public static TileId? TryParse(string path)
    {
        if (!path.StartsWith("tile/", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = path[5..].Split('/');
        if (parts.Length < 2)
        {
            return null;
        }

        int level;
        if (parts[0] == "entries")
        {
            level = EntriesLevel;
        }
        else if (!Checkpoint.TryParseSize(parts[0], out var l) || l > MaxLevel)
        {
            return null;
        }
        else
        {
            level = (int)l;
        }

        var width = FullWidth;
        var elements = parts[1..];
        if (elements.Length >= 2 && elements[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!Checkpoint.TryParseSize(elements[^1], out var w) || w is < 1 or >= FullWidth)
            {
                return null;
            }

            width = (int)w;
            elements = [.. elements[..^2], elements[^2][..^2]];
        }

        long index = 0;
        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            var last = i == elements.Length - 1;
            var digits =
                last ? element
                : element.StartsWith('x') ? element[1..]
                : "";
            if (digits.Length != 3 || !digits.All(char.IsAsciiDigit) || index > (long.MaxValue / 1000) - 1)
            {
                return null;
            }

            index = (index * 1000) + int.Parse(digits, CultureInfo.InvariantCulture);
        }

        var tile = new TileId(level, index, width);
        // One index has one spelling: "x000/005" is not 5.
        return tile.Path == path ? tile : null;
    }

    /// <summary>
    /// The tile at <paramref name="level"/> holding <paramref name="index"/>, as wide as a tree of
    /// <paramref name="treeSize"/> makes it.
    /// </summary>
    public static TileId At(int level, long index, long treeSize)
    {
        var hashes = HashesAtLevel(level, treeSize);
        return new TileId(level, index, (int)Math.Min(FullWidth, hashes - (index * FullWidth)));
    }

    /// <summary>
    /// How many hashes level <paramref name="level"/> tiles hold in a tree of <paramref name="treeSize"/>.
    /// </summary>
    public static long HashesAtLevel(int level, long treeSize) =>
        level <= 0 ? treeSize
        : level * Height >= 63 ? 0
        : treeSize >> (level * Height);

    /// <summary>
    /// The rightmost tile of each level in a tree of <paramref name="treeSize"/> whose width is not a whole 256 — the
    /// partial tiles — lowest level first. With the full tiles, they hold every node of the tree.
    /// </summary>
    public static IReadOnlyList<TileId> PartialTiles(long treeSize)
    {
        var tiles = new List<TileId>();
        for (var level = 0; HashesAtLevel(level, treeSize) > 0; level++)
        {
            var hashes = HashesAtLevel(level, treeSize);
            if (hashes % FullWidth != 0)
            {
                tiles.Add(new TileId(level, hashes / FullWidth, (int)(hashes % FullWidth)));
            }
        }

        return tiles;
    }
}
