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
}
