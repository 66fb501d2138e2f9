using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;

namespace SmartChain.Domain.Ledger;

/// <summary>
/// A signed ledger request <c>{payload, public_key, signature}</c> that passed every check needing nothing
/// but itself (SPEC §6): shape, chain, addresses, exact amount, nonce, the sender owning the key, the
/// P-256 signature over the RFC 8785 payload bytes. Its id is SHA-256 of those bytes.
/// </summary>
public sealed record SignedTransfer
{
    public required string Id { get; init; }

    public required string Type { get; init; }

    public required string Sender { get; init; }

    public required string Recipient { get; init; }

    public required Amount Amount { get; init; }

    public required long Nonce { get; init; }

    public required string PayloadCanonical { get; init; }

    public required string PublicKey { get; init; }

    public required string Signature { get; init; }

    public bool IsMint => Type == TransactionType.Mint;

    public static SignedTransfer? TryRead(JsonElement body, ChainSettings chain, out Rejection? rejection)
    {
        rejection = null;
        var shape = ExactFields.Check(body, FieldsOf.Request, "payload", "public_key", "signature");
        if (shape is not null)
        {
            rejection = Rejection.Malformed(shape);
            return null;
        }

        return TryRead(
            body.GetProperty("payload"),
            body.GetProperty("public_key"),
            body.GetProperty("signature"),
            chain,
            out rejection
        );
    }

    /// <summary>
    /// As <see cref="TryRead(JsonElement, ChainSettings, out Rejection?)"/> from the request's three parts, e.g. as a
    /// block entry carries them.
    /// </summary>
    public static SignedTransfer? TryRead(
        JsonElement payload,
        JsonElement publicKey,
        JsonElement signature,
        ChainSettings chain,
        out Rejection? rejection
    )
    {
        rejection = null;
        var payloadFields =
            payload.ValueKind == JsonValueKind.Object && payload.TryGetProperty("type", out _)
                ? new[] { "chain", "sender", "recipient", "amount", "nonce", "type" }
                : ["chain", "sender", "recipient", "amount", "nonce"];
        var shape = ExactFields.Check(payload, FieldsOf.Request, payloadFields);
        if (shape is not null)
        {
            rejection = Rejection.Malformed($"payload: {shape}");
            return null;
        }

        var type = payload.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null
            : TransactionType.Transfer;
        var sender = Text(payload, "sender");
        var recipient = Text(payload, "recipient");
        // A JSON number is read as its canonical (signed) form, so the amount moved is exactly the amount signed.
        var amountElement = payload.GetProperty("amount");
        var amount =
            amountElement.ValueKind == JsonValueKind.Number
            && amountElement.TryGetDouble(out var number)
            && double.IsFinite(number)
                ? Amount.ParseNumber(Canonical.EcmaScriptNumber.Format(number), chain.Decimals)
                : Amount.Read(amountElement, chain.Decimals);
        var nonce = payload.GetProperty("nonce");
        string? malformed =
            type is not (TransactionType.Transfer or TransactionType.Mint)
                ? "payload.type must be \"transfer\" or \"mint\""
            : Text(payload, "chain") is null ? "payload.chain must be a string"
            : Address.TryParse(sender) is null ? "payload.sender must be an address (40 lowercase hex)"
            : Address.TryParse(recipient) is null ? "payload.recipient must be an address (40 lowercase hex)"
            : !amount.IsValid ? $"payload.amount: {amount.Error}"
            : nonce.ValueKind != JsonValueKind.Number || !nonce.TryGetInt64(out var n) || n < 0
                ? "payload.nonce must be an integer ≥ 0"
            : publicKey.ValueKind != JsonValueKind.String ? "public_key must be a string"
            : signature.ValueKind != JsonValueKind.String ? "signature must be a string"
            : null;
        if (malformed is not null)
        {
            rejection = Rejection.Malformed(malformed);
            return null;
        }

        if (Text(payload, "chain") != chain.Id.Value)
        {
            rejection = Rejection.Rule($"payload.chain is '{Text(payload, "chain")}' but this is chain '{chain.Id}'");
            return null;
        }

        using var lease = PublicKeyCache.Rent(publicKey.GetString());
        if (lease is null)
        {
            rejection = Rejection.Malformed("public_key must be a base64url (no padding) P-256 SubjectPublicKeyInfo");
            return null;
        }

        var (key, keyAddress) = (lease.Key, lease.Address);

        var canonical = CanonicalJson.ToBytes(payload);
        var signatureBytes = Base64Url.TryDecode(signature.GetString());
        rejection =
            keyAddress != sender
                ? Rejection.Rule($"payload.sender {sender} is not the address of public_key ({keyAddress})")
            : signatureBytes is not { Length: 64 }
                ? Rejection.Malformed("signature must be base64url of a 64-byte IEEE P1363 (r‖s) ECDSA signature")
            : !key.Verify(canonical, signatureBytes)
                ? Rejection.Rule("signature does not verify over the RFC 8785 bytes of payload with public_key")
            : type == TransactionType.Mint && key.Base64Url != chain.IssuerPublicKey
                ? Rejection.Rule("only the chain's issuer key can mint")
            : null;
        if (rejection is not null)
        {
            return null;
        }

        return new SignedTransfer
        {
            Id = Sha256Hex.Of(canonical),
            Type = type!,
            Sender = sender!,
            Recipient = recipient!,
            Amount = amount.Amount,
            Nonce = nonce.GetInt64(),
            PayloadCanonical = System.Text.Encoding.UTF8.GetString(canonical),
            PublicKey = key.Base64Url,
            Signature = signature.GetString()!,
        };
    }

    /// <summary>The block entry the BPSC forges from this request (a mint pays no fee).</summary>
    public string ToEntry(string bpsc, ChainSettings chain)
    {
        var split = IsMint ? new FeeSplit(Amount.Zero, Amount) : chain.FeeRate.Split(Amount, chain.Decimals);
        var entry = TransferEntry.Fields(Id, Type, Sender, Amount, bpsc, split, Recipient);
        entry["payload"] = JsonNode.Parse(PayloadCanonical);
        entry["public_key"] = PublicKey;
        entry["signature"] = Signature;
        return CanonicalJson.ToText(entry);
    }

    private static string? Text(JsonElement json, string name) =>
        json.GetProperty(name).ValueKind == JsonValueKind.String ? json.GetProperty(name).GetString() : null;
}
