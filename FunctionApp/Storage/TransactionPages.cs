using System.Text;
using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Packs a block's canonical transaction texts into few large <c>blocktx</c> rows ("pages"): one row holds
/// many transactions, newline-separated (canonical JSON never holds a raw newline), split over string
/// properties under Table Storage's 64 KiB property limit. Packing is what lets a block of 10,000 transactions
/// be written in a few dozen requests instead of ten thousand rows.
/// </summary>
public static class TransactionPages
{
    // Transactions and refs together, ~80 KB in UTF-16. Kept under the runtime's 85,000-byte large-object threshold
    // on purpose: a page, its text and the storage client's buffer for it all die young in gen0. With 400,000-char
    // pages every one of them went to the large-object heap, which is only swept by full collections, and a node
    // serving or syncing a 1M-transaction chain carried 60-120 MB of such garbage (measured, docs/benchmarks.md).
    private const int PageChars = 40_000;
    private const int BatchPages = 40; // 40 pages of ≤ 40,000 characters: ≤ 1.6 million, inside 4 MiB even in UTF-16

    public static string Partition(ChainId chain, BlockHash blockHash) => $"{chain.Value}|{blockHash.Value}";

    public static string RowKey(int number) => number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    public static List<TableEntity> Pack(
        ChainId chain,
        BlockHash blockHash,
        IReadOnlyList<string> transactions,
        IReadOnlyList<PendingRef>? refs
    )
    {
        var pages = new List<TableEntity>();
        var text = new StringBuilder();
        var pageRefs = new StringBuilder();
        for (var i = 0; i < transactions.Count; i++)
        {
            if (text.Length > 0 && text.Length + pageRefs.Length + transactions[i].Length + 64 > PageChars)
            {
                pages.Add(Page(chain, blockHash, pages.Count, text, pageRefs));
                text.Clear();
                pageRefs.Clear();
            }

            text.Append(transactions[i]).Append('\n');
            if (refs is not null && i < refs.Count)
            {
                pageRefs.Append(refs[i]).Append('\n');
            }
        }

        if (text.Length > 0)
        {
            pages.Add(Page(chain, blockHash, pages.Count, text, pageRefs));
        }

        return pages;
    }

    /// <summary>
    /// Pages grouped for entity-group batches: at most 100 rows and well under the 4 MiB payload limit each.
    /// </summary>
    public static IEnumerable<IReadOnlyList<TableEntity>> Batches(IReadOnlyList<TableEntity> pages) =>
        pages.Chunk(BatchPages);

    public static IEnumerable<string> Transactions(TableEntity page) => Lines(LongText.Read(page, "T"));

    public static IEnumerable<PendingRef> Refs(TableEntity page) =>
        Lines(LongText.Read(page, "R")).Select(PendingRef.Parse);

    private static TableEntity Page(
        ChainId chain,
        BlockHash blockHash,
        int number,
        StringBuilder text,
        StringBuilder refs
    )
    {
        var page = new TableEntity(Partition(chain, blockHash), RowKey(number));
        LongText.Write(page, "T", text.ToString());
        LongText.Write(page, "R", refs.ToString());
        return page;
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
