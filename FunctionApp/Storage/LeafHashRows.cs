using Azure.Data.Tables;
using SmartChain.Domain.Merkle;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// A block's Merkle leaf hashes kept for receipt lookups, so a proof reads one small row instead of the whole block:
/// in the block's <c>blocktx</c> partition, one row <c>h{chunk}</c> per aligned chunk of
/// <see cref="ChunkedProof.ChunkSize"/> leaves (binary <c>H</c>, 32 bytes a leaf, ≤ 8 KiB), written with the pages
/// before the head moves (content-addressed like them); and the chunk roots in the header row (binary
/// <c>ChunkRoots</c>), written by the commit's own transaction. A header with <c>ChunkRoots</c> therefore always has
/// its rows; a header without (blocks stored before this layout, or over <see cref="MaxLeaves"/>) is proved from its
/// pages.
/// </summary>
public static class LeafHashRows
{
    public const string ChunkRootsProperty = "ChunkRoots";
    private const string HashesProperty = "H";
    private const int HashSize = 32;
    private const int BatchRows = 100;

    /// <summary>The chunk roots must fit one binary property (64 KiB): 2,048 chunks, 524,288 leaves.</summary>
    public const int MaxLeaves = 64 * 1024 / HashSize * ChunkedProof.ChunkSize;

    public static string RowKey(int chunk) =>
        "h" + chunk.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The rows of a block's leaf hashes and the value of its header's <c>ChunkRoots</c>; none for an empty block.
    /// </summary>
    public static (List<TableEntity> Rows, byte[]? ChunkRoots) Pack(string partition, IReadOnlyList<byte[]> leafHashes)
    {
        if (leafHashes.Count == 0 || leafHashes.Count > MaxLeaves)
        {
            return ([], null);
        }

        var rows = new List<TableEntity>();
        for (var start = 0; start < leafHashes.Count; start += ChunkedProof.ChunkSize)
        {
            var count = Math.Min(ChunkedProof.ChunkSize, leafHashes.Count - start);
            rows.Add(
                new TableEntity(partition, RowKey(start / ChunkedProof.ChunkSize))
                {
                    [HashesProperty] = Concat(leafHashes, start, count),
                }
            );
        }

        var roots = ChunkedProof.ChunkRoots(leafHashes);
        return (rows, Concat(roots, 0, roots.Count));
    }

    /// <summary>Rows grouped for entity-group batches: at most 100 rows (≤ 800 KiB) each.</summary>
    public static IEnumerable<IReadOnlyList<TableEntity>> Batches(IReadOnlyList<TableEntity> rows) =>
        rows.Chunk(BatchRows);

    public static IReadOnlyList<byte[]> Hashes(TableEntity row) => Split(row.GetBinary(HashesProperty));

    public static IReadOnlyList<byte[]> Split(byte[] hashes)
    {
        if (hashes.Length % HashSize != 0)
        {
            throw new InvalidDataException(
                $"a stored hash list of {hashes.Length} bytes is not a list of 32-byte hashes"
            );
        }

        var list = new byte[hashes.Length / HashSize][];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = hashes.AsSpan(i * HashSize, HashSize).ToArray();
        }

        return list;
    }

    private static byte[] Concat(IReadOnlyList<byte[]> hashes, int start, int count)
    {
        var bytes = new byte[count * HashSize];
        for (var i = 0; i < count; i++)
        {
            hashes[start + i].CopyTo(bytes, i * HashSize);
        }

        return bytes;
    }
}
