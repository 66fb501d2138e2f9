using System.Globalization;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Logs;

/// <summary>
/// This node as a C2SP tlog-witness for the chains it holds. Beyond the protocol, it cosigns only a root it computed
/// itself from blocks it forged or verified (syncing first when behind), and records (size, root) per chain under an
/// ETag: check and record are one atomic step, so concurrent submissions never roll the size back and one size
/// never gets two roots.
/// </summary>
public sealed class WitnessService(
    NodeSettings settings,
    LogStateStore states,
    ChainRegistry registry,
    CheckpointService checkpoints,
    ReplicaSync sync,
    TimeProvider clock,
    ILogger<WitnessService> log
)
{
    public const string SizeContentType = "text/x.tlog.size";
    private static readonly TimeSpan SyncBudget = TimeSpan.FromSeconds(30);
    private Ed25519Key? _key;

    public string Name => settings.WitnessName ?? settings.LogOrigin + "/witness";

    public async Task<NoteVerifierKey> VerifierKeyAsync(CancellationToken cancellationToken) =>
        NoteVerifierKey.Create(Name, NoteSignatureType.CosignatureV1, (await KeyAsync(cancellationToken)).PublicKey);

    /// <summary>Judges one add-checkpoint request body (statuses in the order 404 → 403 → 400 → 409 → 422).</summary>
    public async Task<WitnessAnswer> AddCheckpointAsync(string body, CancellationToken cancellationToken)
    {
        if (AddCheckpointRequest.TryParse(body) is not { } request)
        {
            return WitnessAnswer.Text(400, "malformed add-checkpoint request\n");
        }

        var chains = await registry.ListAsync(cancellationToken);
        var chain = chains.FirstOrDefault(c => c.Log?.Name == request.Checkpoint.Origin);
        if (chain?.Log is not { } logKey)
        {
            return WitnessAnswer.Text(404, $"unknown log origin {request.Checkpoint.Origin}\n");
        }

        if (request.Note.Verify([logKey]).Check != NoteCheck.Verified)
        {
            return WitnessAnswer.Text(403, "no valid signature of the log's key\n");
        }

        var checkpoint = request.Checkpoint;
        if (request.OldSize > checkpoint.Size || request.Proof.Count > 63)
        {
            return WitnessAnswer.Text(400, "old size is past the checkpoint, or the proof is too long\n");
        }

        for (var attempt = 0; attempt < 20; attempt++)
        {
            var state = await states.ReadWitnessedAsync(chain.Id, cancellationToken);
            var recordedSize = state?.Size ?? 0;
            var recordedRoot = state?.Root;
            if (request.OldSize != recordedSize)
            {
                return SizeConflict(recordedSize);
            }

            if (Inconsistent(request, recordedRoot) is { } why)
            {
                return WitnessAnswer.Text(422, why + "\n");
            }

            // SmartChain's own statement: the root is the one of the blocks this node verified.
            var ownRoot = await VerifiedRootAsync(chain, checkpoint.Size, cancellationToken);
            if (ownRoot is null)
            {
                return new WitnessAnswer(
                    503,
                    "text/plain; charset=utf-8",
                    "not synced to this size yet\n",
                    RetryAfterSeconds: 10
                );
            }

            if (!ownRoot.AsSpan().SequenceEqual(checkpoint.RootHash))
            {
                log.LogWarning(
                    "Witness: {Origin} at size {Size} has another root than the verified blocks",
                    checkpoint.Origin,
                    checkpoint.Size
                );
                return SizeConflict(recordedSize);
            }

            var recorded = new LogState(checkpoint.Size, checkpoint.RootHash, "");
            if (!await states.TryRecordWitnessedAsync(chain.Id, recorded, state, cancellationToken))
            {
                continue; // another submission recorded first: judge again against what it recorded
            }

            var now = (ulong)clock.GetUtcNow().ToUnixTimeSeconds();
            return WitnessAnswer.Text(
                200,
                CosignatureV1.Sign(Name, await KeyAsync(cancellationToken), now, checkpoint.Text).Line
            );
        }

        return new WitnessAnswer(
            503,
            "text/plain; charset=utf-8",
            "too many concurrent submissions\n",
            RetryAfterSeconds: 1
        );
    }

    private static WitnessAnswer SizeConflict(long recordedSize) =>
        new(409, SizeContentType, recordedSize.ToString(CultureInfo.InvariantCulture) + "\n");

    private static string? Inconsistent(AddCheckpointRequest request, byte[]? recordedRoot)
    {
        var checkpoint = request.Checkpoint;
        if (checkpoint.Size == 0 && !checkpoint.RootHash.AsSpan().SequenceEqual(ChainHead.Empty.LogRoot))
        {
            return "a checkpoint of size 0 must have the empty tree's root";
        }

        if (request.OldSize == 0)
        {
            return request.Proof.Count == 0 ? null : "old size 0 takes no proof";
        }

        if (request.OldSize == checkpoint.Size)
        {
            return request.Proof.Count > 0 ? "old size equals the size: the proof must be empty"
                : recordedRoot.AsSpan().SequenceEqual(checkpoint.RootHash) ? null
                : "another root for the recorded size";
        }

        var proof = new ConsistencyProof(request.OldSize, checkpoint.Size, request.Proof);
        return recordedRoot is not null && MerkleTree.VerifyConsistency(proof, recordedRoot, checkpoint.RootHash)
            ? null
            : "the consistency proof does not verify";
    }

    /// <summary>
    /// The root of the chain's log at this size from this node's own verified blocks, syncing a replica first.
    /// </summary>
    private async Task<byte[]?> VerifiedRootAsync(ChainRecord chain, long size, CancellationToken cancellationToken)
    {
        var root = await checkpoints.RootAtAsync(chain.Id, size, cancellationToken);
        if (root is not null || chain.IsLocal)
        {
            return root;
        }

        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(SyncBudget);
        try
        {
            await sync.SyncAsync(chain, budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        return await checkpoints.RootAtAsync(chain.Id, size, cancellationToken);
    }

    private async Task<Ed25519Key> KeyAsync(CancellationToken cancellationToken)
    {
        if (_key is not null)
        {
            return _key;
        }

        var seed = await states.WitnessKeySeedAsync(
            () =>
            {
                using var fresh = Ed25519Key.Generate();
                return Convert.ToBase64String(fresh.ExportSeed());
            },
            cancellationToken
        );
        return _key ??= Ed25519Key.FromSeed(Convert.FromBase64String(seed));
    }
}

/// <summary>What the witness answers: status, content type, body and, for 503, a Retry-After.</summary>
public sealed record WitnessAnswer(int Status, string ContentType, string Body, int? RetryAfterSeconds = null)
{
    public static WitnessAnswer Text(int status, string body) => new(status, "text/plain; charset=utf-8", body);
}
