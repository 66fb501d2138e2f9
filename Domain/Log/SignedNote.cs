using System.Text;

namespace SmartChain.Domain.Log;

/// <summary>
/// A C2SP signed note: a text ending in a newline, a blank line, then one or more signature lines. The text is
/// what is signed; the signatures are separated from it by the last blank line.
/// </summary>
public sealed record SignedNote(string Text, IReadOnlyList<NoteSignature> Signatures)
{
    /// <summary>More signatures than any honest note carries (the spec asks verifiers to accept at least 16).</summary>
    public const int MaxSignatures = 100;

    public string Format()
    {
        var note = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            note.Append(signature.Line);
        }

        return note.ToString();
    }

    /// <summary>Null when the note is malformed: control characters, no blank line, a bad signature line.</summary>
    public static SignedNote? TryParse(string note)
    {
        if (note.Length == 0 || note[^1] != '\n' || note.Any(c => c < 0x20 && c != '\n') || HasLoneSurrogate(note))
        {
            return null;
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return null;
        }

        var text = note[..(split + 1)];
        var lines = note[(split + 2)..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            return null;
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (NoteSignature.TryParse(line) is not { } signature)
            {
                return null;
            }

            signatures.Add(signature);
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>
    /// The signed-note verification rule: signatures of unknown keys are ignored; one of a known key that fails makes
    /// the note <see cref="NoteCheck.BadSignature"/>; without a verified known signature it is
    /// <see cref="NoteCheck.NotSigned"/>. Answers the keys whose signatures verified.
    /// </summary>
    public (NoteCheck Check, IReadOnlyList<NoteVerifierKey> Verified) Verify(IEnumerable<NoteVerifierKey> known)
    {
        var verified = new List<NoteVerifierKey>();
        foreach (var key in known)
        {
            foreach (var signature in Signatures.Where(key.Claims))
            {
                if (!key.Verify(Text, signature))
                {
                    return (NoteCheck.BadSignature, []);
                }

                if (!verified.Contains(key))
                {
                    verified.Add(key);
                }
            }
        }

        return (verified.Count > 0 ? NoteCheck.Verified : NoteCheck.NotSigned, verified);
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
