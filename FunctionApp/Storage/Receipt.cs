using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// What became of an accepted transaction: pending, or included at a position of a block (or refunded there, with why).
/// </summary>
public sealed record Receipt(TxId Id, string Status, long? BlockIndex, int? Position, string? Reason)
{
    public const string Pending = "pending";
    public const string Included = "included";
    public const string Refunded = "refunded";

    /// <summary>The receipt of the entry at <paramref name="position"/> of a forged block: included or refunded.
    /// </summary>
    public static Receipt Of(TxId id, Block block, int position)
    {
        using var entry = JsonDocument.Parse(block.Transactions[position]);
        return entry.RootElement.GetProperty("type").GetString() == TransactionType.Refund
            ? new Receipt(id, Refunded, block.Index, position, entry.RootElement.GetProperty("reason").GetString())
            : new Receipt(id, Included, block.Index, position, null);
    }
}
