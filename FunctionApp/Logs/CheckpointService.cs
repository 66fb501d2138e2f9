using SmartChain.Domain.Chains;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Logs;

/// <summary>
/// A chain's current checkpoint (C2SP tlog-checkpoint). On the BPSC it is signed from the committed head — Ed25519
/// is deterministic, so one head always gives the same note and nothing needs storing — followed by the witness
/// cosignatures collected for that very size and root. A replica serves its BPSC's note unchanged, once it has
/// checked the log signature with the pinned key and recomputed the root from blocks it verified.
/// </summary>
public sealed class CheckpointService(
    ChainRegistry registry,
    BlockStore blocks,
    LogStateStore states,
    NodeClient client,
    ILogger<CheckpointService> log
)
{
    /// <summary>The note to serve; null when the chain has no log (or a replica has not mirrored one yet).</summary>
    public async Task<string?> CurrentAsync(ChainRecord chain, CancellationToken cancellationToken)
    {
        if (!chain.IsLocal)
        {
            return (await states.ReadMirroredAsync(chain.Id, cancellationToken))?.Note;
        }

        var signed = await SignedHeadAsync(chain, cancellationToken);
        if (signed is null)
        {
            return null;
        }

        var (checkpoint, note) = signed.Value;
        var cosigned = await states.ReadCosignedAsync(chain.Id, cancellationToken);
        return cosigned is { } c && c.Size == checkpoint.Size && c.Root.AsSpan().SequenceEqual(checkpoint.RootHash)
            ? note + c.Lines
            : note;
    }

    /// <summary>The head's checkpoint and its note signed by the log key alone (what witnesses are sent).</summary>
    public async Task<(Checkpoint Checkpoint, string Note)?> SignedHeadAsync(
        ChainRecord chain,
        CancellationToken cancellationToken
    )
    {
        var signer = await registry.LogSignerAsync(chain, cancellationToken);
        var head = await blocks.ReadHeadAsync(chain.Id, cancellationToken);
        if (signer is null || head.LogSize is not { } size || head.LogRoot is not { } root)
        {
            return null;
        }

        var checkpoint = Checkpoint.Create(signer.Name, size, root);
        return (checkpoint, new SignedNote(checkpoint.Text, [signer.Sign(checkpoint.Text)]).Format());
    }

    /// <summary>
    /// The root of the chain's log at <paramref name="size"/> as this node computes it from its own tiles (blocks it
    /// forged or verified); null when its log is shorter.
    /// </summary>
    public async Task<byte[]?> RootAtAsync(ChainId chain, long size, CancellationToken cancellationToken)
    {
        var head = await blocks.ReadHeadAsync(chain, cancellationToken);
        if (head.LogSize is not { } headSize || headSize < size)
        {
            return null;
        }

        return size == headSize
            ? head.LogRoot
            : (await blocks.Tiles.HashesAsync(chain, [new LeafRange(0, size)], size, cancellationToken))[0];
    }

    /// <summary>Adds witness cosignature lines for (size, root), replacing those of an older checkpoint.</summary>
    public async Task AddCosignaturesAsync(
        ChainId chain,
        Checkpoint checkpoint,
        IEnumerable<NoteSignature> lines,
        CancellationToken cancellationToken
    )
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var row = await states.ReadCosignedAsync(chain, cancellationToken);
            var same =
                row is not null && row.Size == checkpoint.Size && row.Root.AsSpan().SequenceEqual(checkpoint.RootHash);
            if (row is not null && !same && row.Size > checkpoint.Size)
            {
                return; // cosignatures of a newer checkpoint are already kept
            }

            var kept = same ? row!.Lines : "";
            var merged =
                kept + string.Concat(lines.Select(l => l.Line).Where(l => !kept.Contains(l, StringComparison.Ordinal)));
            if (
                await states.TryKeepCosignedAsync(
                    chain,
                    new LogState(checkpoint.Size, checkpoint.RootHash, merged),
                    row,
                    cancellationToken
                )
            )
            {
                return;
            }

            // another process added cosignatures meanwhile: merge again
        }
    }

    /// <summary>
    /// Replica: fetches the BPSC's checkpoint and keeps it if the pinned log key signed it and this node's own verified
    /// log has the same root at that size. Answers why not, or null.
    /// </summary>
    public async Task<string?> MirrorAsync(ChainRecord chain, Uri source, CancellationToken cancellationToken)
    {
        if (chain.Log is not { } key)
        {
            return "no pinned log key";
        }

        var answer = await client.RelayAsync(
            HttpMethod.Get,
            source,
            $"chains/{chain.Id.Value}/checkpoint",
            null,
            cancellationToken
        );
        if (answer.Status != 200 || answer.Body.Length > 64 * 1024)
        {
            return $"the checkpoint answer was {answer.Status}";
        }

        var note = SignedNote.TryParse(answer.Body);
        var checkpoint = note is null ? null : Checkpoint.TryParse(note.Text);
        if (
            note is null
            || checkpoint is null
            || checkpoint.Origin != key.Name
            || note.Verify([key]).Check != NoteCheck.Verified
        )
        {
            return "the checkpoint is not signed by the pinned log key";
        }

        var root = await RootAtAsync(chain.Id, checkpoint.Size, cancellationToken);
        if (root is null)
        {
            return null; // behind: the next round mirrors it
        }

        if (!root.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            log.LogWarning(
                "Chain {Chain}: the BPSC's checkpoint of size {Size} disagrees with the verified blocks",
                chain.Id,
                checkpoint.Size
            );
            return $"the BPSC's checkpoint of size {checkpoint.Size} has another root than the verified blocks";
        }

        if ((await states.ReadMirroredAsync(chain.Id, cancellationToken))?.Size > checkpoint.Size)
        {
            return null;
        }

        await states.WriteMirroredAsync(chain.Id, checkpoint.Size, answer.Body, cancellationToken);
        return null;
    }
}
