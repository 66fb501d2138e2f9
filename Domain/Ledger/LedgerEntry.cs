using System.Globalization;
using System.Text;
using System.Text.Json;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// One entry of a ledger block, checked on its own (stage one, safe to run in parallel): its shape, and for
/// transfers, mints and refunds the signed request it came from (re-verified: signature, id, sender, chain,
/// amount) and the fee arithmetic. Genesis allocations are mints without a request, allowed in block 1 only.
/// </summary>
public sealed record LedgerEntry(
    string Id,
    string Type,
    string Sender,
    string Recipient,
    Amount Amount,
    Amount Fee,
    Amount Receive,
    long? Nonce,
    string? Reason
)
{
    public const string GenesisSender = "genesis";

    private static readonly string[] SignedFields = [.. TransferEntry.Names, "payload", "public_key", "signature"];
    private static readonly string[] RefundFields =
    [
        "id",
        "type",
        "sender",
        "amount_send",
        "recipient",
        "reason",
        "payload",
        "public_key",
        "signature",
    ];

    public static LedgerEntry? TryRead(
        JsonElement tx,
        ChainSettings chain,
        string bpscAddress,
        long blockIndex,
        out string? error
    )
    {
        var type = tx.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (
            type == TransactionType.Mint
            && blockIndex == 1
            && tx.TryGetProperty("sender", out var s)
            && s.ValueKind == JsonValueKind.String
            && s.GetString() == GenesisSender
        )
        {
            return ReadGenesis(tx, chain, bpscAddress, out error);
        }

        var fields = type == TransactionType.Refund ? RefundFields : SignedFields;
        error = ExactFields.Check(tx, FieldsOf.Entry, fields);
        if (error is not null)
        {
            return null;
        }

        if (type is not (TransactionType.Transfer or TransactionType.Mint or TransactionType.Refund))
        {
            error = $"entry type '{type}' does not belong on a ledger chain";
            return null;
        }

        // The entry must carry a request that passes exactly the checks the BPSC ran when it accepted it.
        var signed = SignedTransfer.TryRead(
            tx.GetProperty("payload"),
            tx.GetProperty("public_key"),
            tx.GetProperty("signature"),
            chain,
            out var rejection
        );
        if (signed is null)
        {
            error = $"its signed request is invalid: {rejection!.Detail}";
            return null;
        }

        var expectedType = type == TransactionType.Refund ? TransactionType.Transfer : type;
        error =
            signed.Id != Text(tx, "id") ? $"id is not SHA-256 of the payload ({signed.Id})"
            : signed.Type != expectedType ? $"payload.type '{signed.Type}' does not match entry type '{type}'"
            : signed.Sender != Text(tx, "sender") || signed.Recipient != Text(tx, "recipient")
                ? "sender or recipient differs from the payload"
            : signed.Amount.ToString() != Text(tx, "amount_send")
                ? $"amount_send {Text(tx, "amount_send")} differs from the payload amount {signed.Amount}"
            : null;
        if (error is not null)
        {
            return null;
        }

        if (type == TransactionType.Refund)
        {
            var reason = Text(tx, "reason");
            error =
                reason is null || !LedgerDelivery.IsValidRefund(signed, reason, chain)
                    ? $"refund reason '{reason}' does not hold for this transfer"
                    : null;
            return error is null
                ? new LedgerEntry(
                    signed.Id,
                    type,
                    signed.Sender,
                    signed.Recipient,
                    signed.Amount,
                    Amount.Zero,
                    Amount.Zero,
                    signed.Nonce,
                    reason
                )
                : null;
        }

        var split = signed.IsMint
            ? new FeeSplit(Amount.Zero, signed.Amount)
            : chain.FeeRate.Split(signed.Amount, chain.Decimals);
        error =
            Text(tx, "bpsc") != bpscAddress ? $"bpsc {Text(tx, "bpsc")} is not the chain's BPSC address {bpscAddress}"
            : Text(tx, "amount_bpsc") != split.Fee.ToString()
                ? $"amount_bpsc {Text(tx, "amount_bpsc")} is not amount_send × {chain.FeeRate} rounded down "
                    + $"({split.Fee})"
            : Text(tx, "amount_receive") != split.Receive.ToString()
                ? $"amount_receive {Text(tx, "amount_receive")} is not amount_send − amount_bpsc ({split.Receive})"
            : type == TransactionType.Transfer && LedgerDelivery.RefundReason(signed, chain) is { } owed
                ? $"the BPSC must refund this transfer ({owed}), not deliver it"
            : null;
        return error is null
            ? new LedgerEntry(
                signed.Id,
                type!,
                signed.Sender,
                signed.Recipient,
                signed.Amount,
                split.Fee,
                split.Receive,
                signed.Nonce,
                null
            )
            : null;
    }

    private static LedgerEntry? ReadGenesis(JsonElement tx, ChainSettings chain, string bpscAddress, out string? error)
    {
        error = ExactFields.Check(tx, FieldsOf.Entry, TransferEntry.Names);
        var amount = error is null ? Amount.Parse(Text(tx, "amount_send") ?? "", chain.Decimals) : default;
        error ??=
            !amount.IsValid || amount.Amount.ToString() != Text(tx, "amount_send")
                ? "genesis amount_send is not a valid amount"
            : Text(tx, "amount_bpsc") != "0" || Text(tx, "amount_receive") != Text(tx, "amount_send")
                ? "a genesis allocation pays no fee"
            : Text(tx, "bpsc") != bpscAddress ? "bpsc is not the chain's BPSC address"
            : Crypto.Address.TryParse(Text(tx, "recipient")) is null ? "genesis recipient is not an address"
            : null;
        return error is null
            ? new LedgerEntry(
                Text(tx, "id")!,
                TransactionType.Mint,
                GenesisSender,
                Text(tx, "recipient")!,
                amount.Amount,
                Amount.Zero,
                amount.Amount,
                null,
                null
            )
            : null;
    }

    /// <summary>
    /// An entry of a block this node forged itself, read without checking it again: every entry was judged when it
    /// was accepted, so the follow-up only needs its typed fields.
    /// </summary>
    public static LedgerEntry ReadForged(string canonicalText)
    {
        using var json = JsonDocument.Parse(Encoding.UTF8.GetBytes(canonicalText));
        var tx = json.RootElement;
        long? nonce = tx.TryGetProperty("payload", out var payload) ? payload.GetProperty("nonce").GetInt64() : null;
        return new LedgerEntry(
            Text(tx, "id")!,
            Text(tx, "type")!,
            Text(tx, "sender")!,
            Text(tx, "recipient")!,
            Forged(tx, "amount_send"),
            Forged(tx, "amount_bpsc"),
            Forged(tx, "amount_receive"),
            nonce,
            Text(tx, "reason")
        );
    }

    private static Amount Forged(JsonElement tx, string field) =>
        Text(tx, field) is { } text
            ? Amount.Of(decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture))
            : Amount.Zero;

    public static LedgerEntry? TryRead(
        string canonicalText,
        ChainSettings chain,
        string bpscAddress,
        long blockIndex,
        out string? error
    )
    {
        using var json = JsonDocument.Parse(Encoding.UTF8.GetBytes(canonicalText));
        return TryRead(json.RootElement, chain, bpscAddress, blockIndex, out error);
    }

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
