using System.Text.Json;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Money;

namespace SmartChain.Domain.Verification;

/// <summary>
/// Stage-one checks of one block entry against its chain's rules, needing nothing but the entry:
/// its shape, its type, and for open transfers the exact fee arithmetic.
/// </summary>
public static class TransactionRules
{
    /// <summary>Null when the entry is valid on this chain, else why not.</summary>
    public static string? Check(JsonElement tx, ChainSettings chain)
    {
        if (
            tx.ValueKind != JsonValueKind.Object
            || !tx.TryGetProperty("id", out var id)
            || id.ValueKind != JsonValueKind.String
            || id.GetString()!.Length == 0
            || !tx.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
        )
        {
            return "entry lacks a string id and type";
        }

        return (chain.Kind, type.GetString()) switch
        {
            (ChainKind.Data, Transactions.TransactionType.Record) => Transactions.ExactFields.Check(
                tx,
                Transactions.FieldsOf.Entry,
                "id",
                "type",
                "information"
            ),
            (ChainKind.Token, Transactions.TransactionType.Transfer) when chain.Mode == TokenMode.Open =>
                CheckOpenTransfer(tx, chain),
            _ => $"entry type '{type.GetString()}' does not belong on a {chain.Kind.ToString().ToLowerInvariant()} "
                + "chain in this mode",
        };
    }

    private static string? CheckOpenTransfer(JsonElement tx, ChainSettings chain)
    {
        var shape = Transactions.ExactFields.Check(tx, Transactions.FieldsOf.Entry, Transactions.TransferEntry.Names);
        if (shape is not null)
        {
            return shape;
        }

        var send = ReadAmount(tx, "amount_send", chain.Decimals);
        if (send is null)
        {
            return "amount_send is not a valid amount";
        }

        var split = chain.FeeRate.Split(send.Value, chain.Decimals);
        if (tx.GetProperty("amount_bpsc").GetString() != split.Fee.ToString())
        {
            return $"amount_bpsc {tx.GetProperty("amount_bpsc")} is not amount_send × {chain.FeeRate} rounded down "
                + $"({split.Fee})";
        }

        return tx.GetProperty("amount_receive").GetString() != split.Receive.ToString()
            ? $"amount_receive {tx.GetProperty("amount_receive")} is not amount_send − amount_bpsc ({split.Receive})"
            : null;
    }

    private static Amount? ReadAmount(JsonElement tx, string field, int decimals)
    {
        var value = tx.GetProperty(field);
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var parsed = Amount.Parse(value.GetString()!, decimals);
        // Only the canonical print of an amount is valid in a block, so one amount has one hash.
        return parsed.IsValid && parsed.Amount.ToString() == value.GetString() ? parsed.Amount : null;
    }
}
