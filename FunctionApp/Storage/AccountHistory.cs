using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Each ledger account's entries, newest first, for <c>GET /chains/{chain}/accounts/{address}/transactions</c>:
/// table <c>history</c>, PartitionKey <c>chain|address</c>, RowKey the entry's block index and position inverted
/// (so the newest sorts first). A forged block's follow-up writes one row per entry and per account the entry
/// changes (the addresses of its <see cref="LedgerEffects"/>: sender, recipient, the BPSC's fee); every row is derived
/// from the committed block alone and upserted, so a follow-up re-run after a crash writes the same rows again.
/// </summary>
public sealed class AccountHistory(Tables tables)
{
    /// <summary>Rows a history page holds at most.</summary>
    public const int PageSize = 50;

    private const long MaxIndex = 999_999_999_999;
    private const int MaxPosition = 999_999;
    private const int RowKeyLength = 18;

    /// <summary>One entry as an account's history shows it.</summary>
    public sealed record Item(
        TxId Id,
        string Type,
        string Status,
        long BlockIndex,
        int Position,
        IReadOnlyDictionary<string, string> Fields
    );

    /// <summary>One page, newest first, and the opaque cursor of the next (null after the oldest).</summary>
    public sealed record Page(IReadOnlyList<Item> Items, string? Next);

    /// <summary>Writes the history rows of a committed block: idempotent, derived from the block alone.</summary>
    public async Task WriteAsync(
        ChainId chain,
        long blockIndex,
        IReadOnlyList<string> entries,
        string bpscAddress,
        FeePolicy feePolicy,
        CancellationToken cancellationToken
    )
    {
        var rows = new List<TableEntity>();
        for (var position = 0; position < entries.Count; position++)
        {
            var changed = LedgerEffects
                .Of([LedgerEntry.ReadForged(entries[position])], bpscAddress, feePolicy)
                .Accounts.Keys;
            foreach (var changedAccount in changed)
            {
                if (Address.TryParse(changedAccount) is { } address)
                {
                    rows.Add(Row(chain, address, blockIndex, position, entries[position]));
                }
            }
        }

        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100));
        var options = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(
            batches,
            options,
            async (batch, ct) =>
                await tables.History.SubmitTransactionAsync(
                    batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)),
                    ct
                )
        );
    }

    /// <summary>A page of an account's history from <paramref name="cursor"/> (null: the newest entry).</summary>
    public async Task<Page> ReadAsync(
        ChainId chain,
        Address address,
        string? cursor,
        CancellationToken cancellationToken
    )
    {
        var filter = cursor is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {Partition(chain, address)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition(chain, address)} and RowKey gt {cursor}");
        var items = new List<Item>(PageSize);
        string? lastKey = null;
        var more = false;
        var rows = tables.History.QueryAsync<TableEntity>(filter, PageSize + 1, cancellationToken: cancellationToken);
        await foreach (var row in rows)
        {
            if (items.Count == PageSize)
            {
                more = true;
                break;
            }

            items.Add(From(row));
            lastKey = row.RowKey;
        }

        return new Page(items, more ? EncodeCursor(lastKey!) : null);
    }

    /// <summary>The row key a cursor stands for, or null when it is not one this node hands out.</summary>
    public static string? DecodeCursor(string cursor)
    {
        var bytes = Base64Url.TryDecode(cursor);
        var key = bytes is null ? null : System.Text.Encoding.ASCII.GetString(bytes);
        return key is { Length: RowKeyLength } && key.All(char.IsAsciiDigit) ? key : null;
    }

    private static string EncodeCursor(string rowKey) => Base64Url.Encode(System.Text.Encoding.ASCII.GetBytes(rowKey));

    private static string Partition(ChainId chain, Address address) => chain.Value + "|" + address.Value;

    private static string RowKey(long blockIndex, int position) =>
        (MaxIndex - blockIndex).ToString("D12", CultureInfo.InvariantCulture)
        + (MaxPosition - position).ToString("D6", CultureInfo.InvariantCulture);

    private static readonly string[] Shown =
    [
        "sender",
        "recipient",
        "amount_send",
        "amount_bpsc",
        "amount_receive",
        "reason",
    ];

    private static TableEntity Row(ChainId chain, Address address, long blockIndex, int position, string entry)
    {
        using var json = JsonDocument.Parse(entry);
        var tx = json.RootElement;
        var type = tx.GetProperty("type").GetString()!;
        var row = new TableEntity(Partition(chain, address), RowKey(blockIndex, position))
        {
            ["Id"] = tx.GetProperty("id").GetString(),
            ["Type"] = type,
            ["Status"] = type == TransactionType.Refund ? Receipt.Refunded : Receipt.Included,
            ["Block"] = blockIndex,
            ["Position"] = position,
        };
        foreach (var field in Shown)
        {
            if (tx.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
            {
                row[field] = value.GetString();
            }
        }

        return row;
    }

    private static Item From(TableEntity row) =>
        new(
            TxId.Parse(row.GetString("Id")),
            row.GetString("Type"),
            row.GetString("Status"),
            row.GetInt64("Block") ?? 0,
            row.GetInt32("Position") ?? 0,
            Shown.Where(row.ContainsKey).ToDictionary(f => f, f => row.GetString(f))
        );
}
