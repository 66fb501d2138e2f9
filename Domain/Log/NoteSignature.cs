namespace SmartChain.Domain.Log;

/// <summary>
/// One signature line of a signed note: <c>— &lt;name&gt; base64(key id ‖ signature)</c>. Name and key id say which
/// key claims it; only a known key's <see cref="NoteVerifierKey.Verify"/> says whether it holds.
/// </summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The em dash (U+2014) that opens every signature line.</summary>
    public const string Dash = "\u2014";

    /// <summary>The line, newline included.</summary>
    public string Line
    {
        get
        {
            var blob = new byte[4 + Signature.Length];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(blob, KeyId);
            Signature.CopyTo(blob, 4);
            return $"{Dash} {Name} {Convert.ToBase64String(blob)}\n";
        }
    }

    /// <summary>Parses one line without its newline; null when it is not a signature line.</summary>
    public static NoteSignature? TryParse(string line)
    {
        if (!line.StartsWith(Dash + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = line[2..];
        var space = rest.LastIndexOf(' ');
        if (space <= 0 || !NoteVerifierKey.IsValidName(rest[..space]))
        {
            return null;
        }

        var blob = Base64.TryDecode(rest[(space + 1)..]);
        return blob is { Length: > 4 }
            ? new NoteSignature(
                rest[..space],
                System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob),
                blob[4..]
            )
            : null;
    }
}
