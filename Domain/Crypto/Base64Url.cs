namespace SmartChain.Domain.Crypto;

/// <summary>Base64url without padding (RFC 4648 §5), the encoding of every key and signature on the wire.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    /// <summary>Decodes, or returns null when <paramref name="text"/> is not unpadded base64url.</summary>
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Contains('='))
        {
            return null;
        }

        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
