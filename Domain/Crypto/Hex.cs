namespace SmartChain.Domain.Crypto;

/// <summary>Lowercase hex, the encoding of every hash on the wire.</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static bool IsLowerHex(string? text, int length) =>
        text is not null && text.Length == length && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    public static byte[] Decode(string text) => Convert.FromHexString(text);
}
