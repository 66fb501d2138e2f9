using SmartChain.Domain.Log;

namespace SmartChain.Cli.Logs;

/// <summary>
/// The witnesses a user names (<c>--witness VKEY</c>, repeatable) and how many of them must have cosigned a
/// checkpoint (<c>--quorum K</c>, default all). A witness counts once however often it is named or signs, and only
/// when its cosignature verifies over the checkpoint's text.
/// </summary>
public sealed record WitnessQuorum(IReadOnlyList<NoteVerifierKey> Witnesses, int Required)
{
    public static WitnessQuorum None { get; } = new([], 0);

    /// <exception cref="CliFailure">A vkey does not parse, or K is not between 1 and the witnesses named.</exception>
    public static WitnessQuorum Parse(IReadOnlyList<string> vkeys, int? quorum)
    {
        var witnesses = new List<NoteVerifierKey>();
        foreach (var text in vkeys)
        {
            var key =
                NoteVerifierKey.TryParse(text.Trim())
                ?? throw new CliFailure($"--witness must be a note verifier key (name+keyid+base64), not '{text}'");
            if (!witnesses.Any(w => w.Text == key.Text))
            {
                witnesses.Add(key);
            }
        }

        var required = quorum ?? witnesses.Count;
        if (required < 0 || required > witnesses.Count || (quorum is not null && required == 0))
        {
            throw new CliFailure(
                witnesses.Count == 0
                    ? "--quorum needs witnesses: name them with --witness VKEY"
                    : $"--quorum must be between 1 and the {witnesses.Count} witnesses named, not {required}"
            );
        }

        return new WitnessQuorum(witnesses, required);
    }

    /// <summary>Which named witnesses cosigned the note's text, which did not, and whose cosignature fails.</summary>
    public QuorumCount Count(SignedNote note)
    {
        var signed = new List<string>();
        var missing = new List<string>();
        var bad = new List<string>();
        foreach (var witness in Witnesses)
        {
            var claims = note.Signatures.Where(witness.Claims).ToList();
            if (claims.Any(s => witness.Verify(note.Text, s)))
            {
                signed.Add(witness.Name);
            }
            else
            {
                (claims.Count > 0 ? bad : missing).Add(witness.Name);
            }
        }

        return new QuorumCount(signed, missing, bad);
    }
}

/// <summary>What <see cref="WitnessQuorum.Count"/> found, by witness name.</summary>
public sealed record QuorumCount(
    IReadOnlyList<string> Signed,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Bad
);
