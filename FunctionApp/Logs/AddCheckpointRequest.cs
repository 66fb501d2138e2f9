using SmartChain.Domain.Log;

namespace SmartChain.FunctionApp.Logs;

/// <summary>
/// A tlog-witness add-checkpoint body: <c>old &lt;size&gt;</c>, consistency proof lines (base64 hashes), a blank line,
/// then the signed checkpoint note.
/// </summary>
public sealed record AddCheckpointRequest(
    long OldSize,
    IReadOnlyList<byte[]> Proof,
    SignedNote Note,
    Checkpoint Checkpoint
)
{
    public static AddCheckpointRequest? TryParse(string body)
    {
        var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
        if (blank < 0 || !body.StartsWith("old ", StringComparison.Ordinal))
        {
            return null;
        }

        var head = body[..blank].Split('\n');
        if (!Checkpoint.TryParseSize(head[0][4..], out var oldSize) || head.Length - 1 > 64)
        {
            return null;
        }

        var proof = new List<byte[]>();
        foreach (var line in head.Skip(1))
        {
            if (Base64.TryDecode(line) is not { Length: 32 } hash)
            {
                return null;
            }

            proof.Add(hash);
        }

        var note = SignedNote.TryParse(body[(blank + 2)..]);
        var checkpoint = note is null ? null : Checkpoint.TryParse(note.Text);
        return note is null || checkpoint is null ? null : new AddCheckpointRequest(oldSize, proof, note, checkpoint);
    }
}
