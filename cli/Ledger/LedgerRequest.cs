using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Cli.Ledger;

/// <summary>
/// A signed ledger request (SPEC §6): the payload <c>{chain, sender, recipient, amount, nonce}</c> (plus
/// <c>type</c> for a mint), its RFC 8785 bytes, the id they hash to and the P1363 signature over them.
/// </summary>
public sealed class LedgerRequest
{
    public const string Mint = "mint";

    private LedgerRequest(JsonObject payload, byte[] canonicalBytes, string publicKey, byte[] signature)
    {
        Payload = payload;
        CanonicalBytes = canonicalBytes;
        Id = Sha256Hex.Of(canonicalBytes);
        PublicKey = publicKey;
        Signature = Base64Url.Encode(signature);
    }

    public JsonObject Payload { get; }

    /// <summary>What is signed and hashed: the canonical payload.</summary>
    public byte[] CanonicalBytes { get; }

    /// <summary>Lowercase hex SHA-256 of <see cref="CanonicalBytes"/>, the id every node must answer with.</summary>
    public string Id { get; }

    /// <summary>The signer's base64url SPKI.</summary>
    public string PublicKey { get; }

    /// <summary>Base64url IEEE P1363 (r‖s) ECDSA-SHA256 signature over <see cref="CanonicalBytes"/>.</summary>
    public string Signature { get; }

    /// <summary>
    /// Signs a transfer (or, with <paramref name="type"/> "mint", a mint) from the key's own address.
    /// <paramref name="amount"/> goes on the wire exactly as given: what is signed is what the user typed.
    /// </summary>
    public static LedgerRequest Sign(
        SigningKey key,
        string chain,
        string recipient,
        string amount,
        long nonce,
        string? type = null
    )
    {
        var payload = new JsonObject
        {
            ["chain"] = chain,
            ["sender"] = Address.Of(key.PublicKey).Value,
            ["recipient"] = recipient,
            ["amount"] = amount,
            ["nonce"] = nonce,
        };
        if (type is not null)
        {
            payload["type"] = type;
        }

        var bytes = CanonicalJson.ToBytes(payload);
        return new LedgerRequest(payload, bytes, key.PublicKey.Base64Url, key.Sign(bytes));
    }

    /// <summary>The body of <c>POST /chains/{chain}/transactions</c>.</summary>
    public JsonObject ToBody() =>
        new()
        {
            ["payload"] = Payload.DeepClone(),
            ["public_key"] = PublicKey,
            ["signature"] = Signature,
        };
}
