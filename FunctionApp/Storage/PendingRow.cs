using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// One <c>pending</c> row: a group of accepted entries of one shard, in acceptance order, written by one insert.
/// RowKey <c>p{seq}</c> names the sequence of its first entry (every entry's <see cref="PendingRef.Seq"/>);
/// <c>Ids</c> holds the entry ids and <c>T0</c>, <c>T1</c>, … (<see cref="LongText"/>) their canonical texts,
/// both newline-separated (canonical JSON never holds a raw newline). A row is taken into a block whole.
/// </summary>
public static class PendingRow
{
    /// <summary>
    /// Entries of one row, and so of its receipt row. Set when the follow-up wrote a receipt per entry beside the row's
    /// delete in one 100-action transaction; it now writes one receipt row, but
    /// <see cref="Accepting.OpenEntryCommitter"/>'s batches and the forge's paging of pending rows are still sized
    /// by it.
    /// </summary>
    public const int MaxEntries = 99;

    /// <summary>Ids and texts together, ~800 KB in UTF-16: inside the 1 MiB entity limit.</summary>
    public const int MaxChars = 400_000;

    public static string Key(string seq) => "p" + seq;

    /// <summary>
    /// What one entry adds to a row, in characters, counted against <see cref="MaxChars"/>: its id, its text and their
    /// separators.
    /// </summary>
    public static int CharsOf(TxId id, string text) => id.Value.Length + text.Length + 2;

    /// <summary>The row holding <paramref name="entries"/>, which share one shard and row sequence.</summary>
    public static TableEntity Build(ChainId chain, IReadOnlyList<PendingEntry> entries)
    {
        if (entries.Count is 0 or > MaxEntries)
        {
            throw new ArgumentException(
                $"a pending row holds 1 to {MaxEntries} entries, not {entries.Count}",
                nameof(entries)
            );
        }

        var first = entries[0].Ref;
        if (entries.Any(e => e.Ref.Shard != first.Shard || e.Ref.Seq != first.Seq))
        {
            throw new ArgumentException("the entries of a pending row share its shard and sequence", nameof(entries));
        }

        var row = new TableEntity(PendingStore.Partition(chain, first.Shard), Key(first.Seq))
        {
            ["Ids"] = string.Join('\n', entries.Select(e => e.Ref.Id)),
        };
        LongText.Write(row, "T", string.Join('\n', entries.Select(e => e.Text)));
        return row;
    }

    /// <summary>The entries of a row of <paramref name="shard"/>, in order.</summary>
    public static IReadOnlyList<PendingEntry> Entries(int shard, TableEntity row)
    {
        var ids = Ids(row);
        var texts = LongText.Read(row, "T").Split('\n');
        if (texts.Length != ids.Length)
        {
            throw new InvalidDataException(
                $"pending row {row.PartitionKey}/{row.RowKey} holds {ids.Length} ids and {texts.Length} texts"
            );
        }

        var seq = row.RowKey[1..];
        return ids.Select((id, i) => new PendingEntry(new PendingRef(shard, seq, TxId.Parse(id)), texts[i])).ToList();
    }

    public static string[] Ids(TableEntity row) => row.GetString("Ids").Split('\n');
}
