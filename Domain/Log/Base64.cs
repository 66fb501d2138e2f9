namespace SmartChain.Domain.Log;

/// <summary>Standard base64 (RFC 4648 §4, padded), the encoding of every C2SP format; strict on input.</summary>
public static class Base64
{
    /// <summary>
    /// Null unless <paramref name="text"/> is canonical padded base64 (re-encoding gives the same text).
    /// </summary>
    public static byte[]? TryDecode(string text)
    {
        if (text.Length == 0 || text.Length % 4 != 0)
        {
            return null;
        }

        var bytes = new byte[text.Length / 4 * 3];
        return
            Convert.TryFromBase64String(text, bytes, out var written)
            && Convert.ToBase64String(bytes.AsSpan(0, written)) == text
            ? bytes[..written]
            : null;
    }
}
