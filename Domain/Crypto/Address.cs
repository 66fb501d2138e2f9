using System.Security.Cryptography;

namespace SmartChain.Domain.Crypto;

/// <summary>A ledger account: the first 40 lowercase hex characters of SHA-256 over the owner's SPKI DER.</summary>
public readonly record struct Address
{
    public string Value { get; }

    private Address(string value) => Value = value;

    public static Address Of(PublicKey key) => new(Hex.Encode(SHA256.HashData(key.Spki))[..40]);

    public static Address? TryParse(string? text) => Hex.IsLowerHex(text, 40) ? new Address(text!) : null;

    public static Address Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not an address", nameof(text));

    public override string ToString() => Value;
}
