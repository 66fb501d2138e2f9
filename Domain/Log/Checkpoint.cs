using System.Globalization;

namespace SmartChain.Domain.Log;

/// <summary>
/// The note text of a C2SP tlog-checkpoint: origin line, decimal tree size, base64 RFC 6962 root hash, each ending
/// in a newline (extension lines, which SmartChain never writes, are kept as read so cosignatures stay valid).
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, string Text)
{
    public static Checkpoint Create(string origin, long size, byte[] rootHash)
    {
        if (!NoteVerifierKey.IsValidName(origin) || size < 0 || rootHash.Length != 32)
        {
            throw new ArgumentException("a checkpoint needs a key-name origin, a size ≥ 0 and a 32-byte root");
        }

        var text = $"{origin}\n{size.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToBase64String(rootHash)}\n";
        return new Checkpoint(origin, size, rootHash, text);
    }

    /// <summary>
    /// Null unless <paramref name="text"/> is a checkpoint body (a note's text, final newline included).
    /// </summary>
    public static Checkpoint? TryParse(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            return null;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3 || lines.Any(l => l.Length == 0) || !TryParseSize(lines[1], out var size))
        {
            return null;
        }

        var root = Base64.TryDecode(lines[2]);
        return root is { Length: 32 } ? new Checkpoint(lines[0], size, root, text) : null;
    }

    /// <summary>ASCII decimal without leading zeroes (only "0" itself starts with 0).</summary>
    public static bool TryParseSize(string text, out long size)
    {
        size = 0;
        return text.Length is > 0 and <= 19
            && text.All(char.IsAsciiDigit)
            && (text == "0" || text[0] != '0')
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size);
    }
}
