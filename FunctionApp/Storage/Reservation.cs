using SmartChain.Domain.Money;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// One ledger acceptance to write: the sender's account as read (its ETag guards the write), the amount to reserve
/// (zero for a mint) and the pending entry that the reservation pays for.
/// </summary>
public sealed record Reservation(Account Account, Amount Amount, PendingEntry Entry);
