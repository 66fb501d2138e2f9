using System.Text;
using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Packs a block's canonical transaction texts into few large <c>blocktx</c> rows ("pages"): one row holds
/// many transactions, newline-separated (canonical JSON never holds a raw newline), split over string
/// properties under Table Storage's 64 KiB property and 1 MiB entity limits. Packing is what lets a block of
/// 10,000 transactions be written in a handful of round trips instead of a hundred batches.
/// </summary>
public static class TransactionPages
{
    private const int PageChars = 400_000;   // transactions and refs together, ~800 KB in UTF-16: inside the 1 MiB entity limit

    public static string Partition(string chain, string blockHash) => $"{chain}|{blockHash}";

    public static List<TableEntity> Pack(string chain, string blockHash, IReadOnlyList<string> transactions, IReadOnlyList<PendingRef>? refs)
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

    public static IEnumerable<string> Transactions(TableEntity page) => Lines(LongText.Read(page, "T"));

    public static IEnumerable<PendingRef> Refs(TableEntity page) => Lines(LongText.Read(page, "R")).Select(PendingRef.Parse);

    private static TableEntity Page(string chain, string blockHash, int number, StringBuilder text, StringBuilder refs)
    {
        var page = new TableEntity(Partition(chain, blockHash), number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture));
        LongText.Write(page, "T", text.ToString());
        LongText.Write(page, "R", refs.ToString());
        return page;
    }

    private static IEnumerable<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
