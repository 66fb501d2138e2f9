using Azure.Data.Tables;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// What became of the entries of one pending row once their block committed: RowKey <c>r{seq}</c> for the row
/// <c>p{seq}</c> it replaces, written in the same entity-group transaction that deletes that row, so an entry is
/// pending or receipted, never both or neither. <c>Block</c> is the block holding every entry of the row (a block
/// takes a row whole); <c>Ids</c> the entry ids, newline-separated, in the pending row's order; <c>Position</c> the
/// block position of the first id, the others following it one by one (a block takes a row's entries together and in
/// order); <c>Reasons</c>, present only when an entry was refunded, one line per id: its refund reason, or empty for
/// an included entry.
/// </summary>
public static class ReceiptRow
{
    public static string Key(string seq) => "r" + seq;

    /// <summary>
    /// The receipt row of pending row <paramref name="seq"/>; <paramref name="receipts"/> are its entries' receipts, in
    /// the row's order.
    /// </summary>
    public static TableEntity Build(string partition, string seq, long blockIndex, IReadOnlyList<Receipt> receipts)
    {
        if (receipts.Count is 0 or > PendingRow.MaxEntries)
        {
            throw new ArgumentException(
                $"a receipt row holds 1 to {PendingRow.MaxEntries} entries, not {receipts.Count}",
                nameof(receipts)
            );
        }

        var first =
            receipts[0].Position
            ?? throw new ArgumentException("a receipt row's entries have block positions", nameof(receipts));
        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i].Position != first + i)
            {
                throw new ArgumentException(
                    $"the entries of pending row {seq} are not at consecutive block positions from {first}",
                    nameof(receipts)
                );
            }

            var valid = receipts[i] switch
            {
                { Status: Receipt.Included, Reason: null } => true,
                { Status: Receipt.Refunded, Reason: { Length: > 0 } reason } => !reason.Contains('\n'),
                _ => false,
            };
            if (!valid)
            {
                throw new ArgumentException(
                    $"receipt of {receipts[i].Id}: '{receipts[i].Status}' with reason '{receipts[i].Reason}' is "
                        + "neither included nor refunded with a one-line reason",
                    nameof(receipts)
                );
            }
        }

        var row = new TableEntity(partition, Key(seq))
        {
            ["Block"] = blockIndex,
            ["Ids"] = string.Join('\n', receipts.Select(r => r.Id)),
            ["Position"] = first,
        };
        if (receipts.Any(r => r.Status == Receipt.Refunded))
        {
            row["Reasons"] = string.Join('\n', receipts.Select(r => r.Reason ?? ""));
        }

        return row;
    }

    /// <summary>The receipts of every entry of this row, in its order.</summary>
    public static IReadOnlyList<Receipt> All(TableEntity row)
    {
        var ids = row.GetString("Ids").Split('\n');
        var reasons = row.GetString("Reasons")?.Split('\n');
        if (reasons is not null && reasons.Length != ids.Length)
        {
            throw new InvalidDataException(
                $"receipt row {row.PartitionKey}/{row.RowKey} holds {ids.Length} ids and {reasons.Length} reasons"
            );
        }

        var block =
            row.GetInt64("Block")
            ?? throw new InvalidDataException($"receipt row {row.PartitionKey}/{row.RowKey} has no block");
        var first =
            row.GetInt32("Position")
            ?? throw new InvalidDataException($"receipt row {row.PartitionKey}/{row.RowKey} has no position");
        return ids.Select(
                (id, index) =>
                    reasons?[index] is { Length: > 0 } reason
                        ? new Receipt(TxId.Parse(id), Receipt.Refunded, block, first + index, reason)
                        : new Receipt(TxId.Parse(id), Receipt.Included, block, first + index, null)
            )
            .ToList();
    }
}
