using System.Text.Json.Nodes;
using SmartChain.Domain.Money;

namespace SmartChain.Domain.Transactions;

/// <summary>
/// The article's six transfer fields (plus id and type) that every token entry carries, open or ledger.
/// </summary>
public static class TransferEntry
{
    /// <summary>The names <see cref="Fields"/> writes: all an open-mode entry or a genesis allocation holds.</summary>
    public static readonly string[] Names =
    [
        "id",
        "type",
        "sender",
        "amount_send",
        "bpsc",
        "amount_bpsc",
        "recipient",
        "amount_receive",
    ];

    public static JsonObject Fields(
        string id,
        string type,
        string sender,
        Amount amount,
        string bpsc,
        FeeSplit split,
        string recipient
    ) =>
        new()
        {
            ["id"] = id,
            ["type"] = type,
            ["sender"] = sender,
            ["amount_send"] = amount.ToString(),
            ["bpsc"] = bpsc,
            ["amount_bpsc"] = split.Fee.ToString(),
            ["recipient"] = recipient,
            ["amount_receive"] = split.Receive.ToString(),
        };
}
