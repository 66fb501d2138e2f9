using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// The BPSC's delivery rule: a transfer it cannot deliver is refunded in full, with the reason recorded in
/// the block. The reasons are checkable by anyone from the chain's settings alone.
/// </summary>
public static class LedgerDelivery
{
    public const string RecipientBlocked = "recipient_blocked";
    public const string OverTransferLimit = "over_transfer_limit";

    /// <summary>Why the BPSC must refund this transfer, or null when it delivers it.</summary>
    public static string? RefundReason(SignedTransfer transfer, ChainSettings chain) =>
        transfer.IsMint ? null
        : chain.BlockedRecipients.Contains(transfer.Recipient) ? RecipientBlocked
        : chain.MaxTransfer is { } max && transfer.Amount > max ? OverTransferLimit
        : null;

    public static bool IsValidRefund(SignedTransfer transfer, string reason, ChainSettings chain) =>
        RefundReason(transfer, chain) == reason;

    /// <summary>
    /// The refund entry that replaces an undeliverable transfer entry: same id, the amount back to the sender, no fee.
    /// </summary>
    public static string ToRefund(SignedTransfer transfer, string reason) =>
        CanonicalJson.ToText(
            new JsonObject
            {
                ["id"] = transfer.Id,
                ["type"] = TransactionType.Refund,
                ["sender"] = transfer.Sender,
                ["amount_send"] = transfer.Amount.ToString(),
                ["recipient"] = transfer.Recipient,
                ["reason"] = reason,
                ["payload"] = JsonNode.Parse(transfer.PayloadCanonical),
                ["public_key"] = transfer.PublicKey,
                ["signature"] = transfer.Signature,
            }
        );
}
