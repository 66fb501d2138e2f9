using System.Text.Json;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;

namespace SmartChain.Cli.Logs;

/// <summary>
/// Judges <see cref="LogEvidence"/> with no network: the checkpoint is signed by the chain's log key (pinned by the
/// caller, or by the checkpoint this wallet accepted before), cosigned by a quorum of the named witnesses, extends
/// the checkpoint accepted before (no rollback, no fork), and — for a receipt — includes the entry at its index.
/// Every refusal is a <see cref="CliFailure"/> that says which of these failed.
/// </summary>
public static class LogVerification
{
    public static LogVerdict Verify(
        LogEvidence evidence,
        WitnessQuorum quorum,
        string? pinnedLogKey,
        AcceptedCheckpoint? last
    )
    {
        var key = NoteVerifierKey.TryParse(evidence.LogVerifierKey);
        if (key is not { Type: NoteSignatureType.Ed25519 })
        {
            throw new CliFailure($"the chain's log_verifier_key '{evidence.LogVerifierKey}' is not an Ed25519 vkey");
        }

        if (pinnedLogKey is not null && pinnedLogKey != key.Text)
        {
            throw new CliFailure($"the node announces log key {key.Text}, not the pinned {pinnedLogKey}");
        }

        if (last is not null && last.LogVerifierKey != key.Text)
        {
            throw new CliFailure(
                $"the node now announces log key {key.Text}, "
                    + $"but this wallet accepted checkpoints of {last.LogVerifierKey}"
            );
        }

        var (note, checkpoint) =
            Open(evidence.Checkpoint, key)
            ?? throw new CliFailure($"the checkpoint is not a note signed by the chain's log key {key.Text}");
        var count = quorum.Count(note);
        if (count.Signed.Count < quorum.Required)
        {
            throw new CliFailure(
                $"only {count.Signed.Count} of the {quorum.Required} required witness cosignatures verify"
                    + $" on the checkpoint of size {checkpoint.Size}"
                    + Names("cosigned by", count.Signed)
                    + Names("missing", count.Missing)
                    + Names("invalid", count.Bad)
            );
        }

        var previous = last is null ? null : Accepted(last, key);
        CheckExtends(previous, checkpoint, evidence.Consistency);
        var included = evidence.Receipt is { } receipt ? CheckIncluded(receipt, checkpoint) : (long?)null;
        return new LogVerdict(checkpoint, count, previous?.Size, included);
    }

    /// <summary>The note and its checkpoint when the log key signed it under its origin; else null.</summary>
    public static (SignedNote Note, Checkpoint Checkpoint)? Open(string text, NoteVerifierKey key)
    {
        var note = SignedNote.TryParse(text);
        var checkpoint = note is null ? null : Checkpoint.TryParse(note.Text);
        var signed =
            note is not null
            && checkpoint is not null
            && checkpoint.Origin == key.Name
            && note.Verify([key]).Check == NoteCheck.Verified;
        return signed ? (note!, checkpoint!) : null;
    }

    private static Checkpoint Accepted(AcceptedCheckpoint last, NoteVerifierKey key) =>
        Open(last.Note, key)?.Checkpoint
        ?? throw new CliFailure("the checkpoint kept in the wallet folder no longer verifies; remove it to start over");

    private static void CheckExtends(Checkpoint? previous, Checkpoint checkpoint, ConsistencyEvidence? consistency)
    {
        if (previous is null || previous.Size == 0)
        {
            return; // nothing accepted yet, or the empty log: every log extends it
        }

        if (previous.Size > checkpoint.Size)
        {
            throw new CliFailure(
                $"rollback refused: the checkpoint has size {checkpoint.Size}, "
                    + $"but this wallet already accepted size {previous.Size}"
            );
        }

        if (previous.Size == checkpoint.Size)
        {
            if (!previous.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                throw new CliFailure(
                    $"fork refused: the checkpoint of size {checkpoint.Size} has root "
                        + $"{Convert.ToBase64String(checkpoint.RootHash)}, but this wallet accepted root "
                        + $"{Convert.ToBase64String(previous.RootHash)} for that size"
                );
            }

            return;
        }

        if (consistency is null || consistency.FromSize != previous.Size)
        {
            throw new CliFailure(
                $"no consistency proof from the accepted size {previous.Size} to {checkpoint.Size}"
                    + (consistency is null ? "" : $" (the evidence proves from size {consistency.FromSize})")
            );
        }

        var proof = new ConsistencyProof(previous.Size, checkpoint.Size, consistency.Hashes);
        if (!MerkleTree.VerifyConsistency(proof, previous.RootHash, checkpoint.RootHash))
        {
            throw new CliFailure(
                $"fork refused: the checkpoint of size {checkpoint.Size} does not extend the one of "
                    + $"size {previous.Size} this wallet accepted (the consistency proof does not verify)"
            );
        }
    }

    private static long CheckIncluded(ReceiptEvidence receipt, Checkpoint checkpoint)
    {
        if (
            receipt.Entry.ValueKind != JsonValueKind.Object
            || !receipt.Entry.TryGetProperty("id", out var id)
            || id.ValueKind != JsonValueKind.String
            || id.GetString() != receipt.Id
        )
        {
            throw new CliFailure($"the entry served is not transaction {receipt.Id}");
        }

        if (receipt.LogIndex < 0 || receipt.LogIndex >= checkpoint.Size)
        {
            throw new CliFailure($"log index {receipt.LogIndex} is not in the checkpoint of size {checkpoint.Size}");
        }

        var leaf = MerkleTree.LeafHash(CanonicalJson.ToBytes(receipt.Entry));
        var proof = new InclusionProof(receipt.LogIndex, checkpoint.Size, receipt.Hashes);
        if (!MerkleTree.VerifyInclusion(leaf, proof, checkpoint.RootHash))
        {
            throw new CliFailure(
                $"the inclusion proof does not lead from entry {receipt.Id} at log index "
                    + $"{receipt.LogIndex} to the checkpoint's root (size {checkpoint.Size})"
            );
        }

        return receipt.LogIndex;
    }

    private static string Names(string label, IReadOnlyList<string> names) =>
        names.Count == 0 ? "" : $"; {label}: {string.Join(", ", names)}";
}

/// <summary>An accepted checkpoint: who cosigned it, the size it extends, the receipt's log index.</summary>
public sealed record LogVerdict(Checkpoint Checkpoint, QuorumCount Witnesses, long? PreviousSize, long? IncludedAt);
