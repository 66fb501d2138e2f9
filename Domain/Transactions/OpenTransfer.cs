using System.Text.Json;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;

namespace SmartChain.Domain.Transactions;

/// <summary>
/// The article's transfer on an open-mode chain: <c>{sender, amount, recipient}</c> in, the six fields
/// <c>sender, amount_send, bpsc, amount_bpsc, recipient, amount_receive</c> (plus id and type) in the block.
/// </summary>
public sealed record OpenTransfer(string Sender, Amount Amount, string Recipient)
{
    /// <summary>Stage-one validation of a request body: shape, names and an exact positive amount.</summary>
    public static OpenTransfer? TryRead(JsonElement body, int decimals, out string? error)
    {
        error =
            ExactFields.Check(body, FieldsOf.Request, "sender", "amount", "recipient")
            ?? RequestFields.CheckName(body.GetProperty("sender"), "sender")
            ?? RequestFields.CheckName(body.GetProperty("recipient"), "recipient");
        if (error is not null)
        {
            return null;
        }

        var amount = Amount.Read(body.GetProperty("amount"), decimals);
        if (!amount.IsValid)
        {
            error = amount.Error;
            return null;
        }

        return new OpenTransfer(
            body.GetProperty("sender").GetString()!,
            amount.Amount,
            body.GetProperty("recipient").GetString()!
        );
    }

    /// <summary>The block entry, as canonical JSON text.</summary>
    public string ToEntry(string id, string bpsc, ChainSettings chain)
    {
        return CanonicalJson.ToText(
            TransferEntry.Fields(
                id,
                TransactionType.Transfer,
                Sender,
                Amount,
                bpsc,
                chain.FeeRate.Split(Amount, chain.Decimals),
                Recipient
            )
        );
    }
}
