using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Rows that never change once a block is committed — its header's Merkle fields and log start, its rows of leaf
/// hashes — kept in memory so that receipt lookups of one block do not read them again for every entry. Bounded:
/// past <see cref="Capacity"/> rows, a tenth of them (whichever come first) make room.
/// </summary>
public sealed class CommittedRowCache
{
    private const int Capacity = 2048;
    private readonly BoundedCache<(string Table, string Partition, string Row), TableEntity> _rows = new(Capacity);

    /// <summary>
    /// The row as cached, or as <paramref name="read"/> finds it (then cached); null when there is none.
    /// </summary>
    public async Task<TableEntity?> GetAsync(
        TableClient table,
        string partition,
        string row,
        CancellationToken cancellationToken
    )
    {
        var key = (table.Name, partition, row);
        if (_rows.Find(key) is { } cached)
        {
            return cached;
        }

        var read = await table.GetEntityIfExistsAsync<TableEntity>(
            partition,
            row,
            cancellationToken: cancellationToken
        );
        if (!read.HasValue)
        {
            return null; // not committed (yet): never cached
        }

        _rows.Keep([KeyValuePair.Create(key, read.Value!)]);
        return read.Value;
    }
}
