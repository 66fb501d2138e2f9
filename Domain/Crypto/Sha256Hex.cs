using System.Security.Cryptography;

namespace SmartChain.Domain.Crypto;

/// <summary>SHA-256 as lowercase hex: block hashes and ledger transaction ids.</summary>
public static class Sha256Hex
{
    public static string Of(ReadOnlySpan<byte> data) => Hex.Encode(SHA256.HashData(data));
}
