using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Tests.Support;

/// <summary>A ledger wallet for tests: a P-256 key and the signed requests SPEC §6 defines.</summary>
public sealed class TestWallet : IDisposable
{
    public SigningKey Key { get; } = SigningKey.Generate();

    public string Address => SmartChain.Domain.Crypto.Address.Of(Key.PublicKey).Value;

    public string PublicKey => Key.PublicKey.Base64Url;

    /// <summary>The request body for a transfer (or mint) as a wallet written from the spec would send it.</summary>
    public JsonObject Transfer(string chain, string recipient, object amount, long nonce, string? type = null)
    {
        var payload = new JsonObject
        {
            ["chain"] = chain,
            ["sender"] = Address,
            ["recipient"] = recipient,
            ["amount"] = JsonSerializer.SerializeToNode(amount),
            ["nonce"] = nonce,
        };
        if (type is not null)
        {
            payload["type"] = type;
        }

        return Sign(payload);
    }

    public JsonObject Sign(JsonObject payload, SigningKey? signer = null) =>
        new()
        {
            ["payload"] = payload.DeepClone(),
            ["public_key"] = PublicKey,
            ["signature"] = Base64Url.Encode((signer ?? Key).Sign(CanonicalJson.ToBytes(payload))),
        };

    /// <summary>The transaction id of a request: lowercase hex SHA-256 of the canonical payload.</summary>
    public static string IdOf(JsonObject request) => Sha256Hex.Of(CanonicalJson.ToBytes(request["payload"]));

    public void Dispose() => Key.Dispose();
}
