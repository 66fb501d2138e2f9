using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// A durable acceptance: the entry's id, its status, and the block it is in (when forged at once) or will go into.
/// </summary>
public sealed record Acceptance(TxId Id, long BlockIndex, bool Forged, string Status = Storage.Receipt.Pending);
