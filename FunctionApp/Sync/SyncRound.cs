using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// One round of replica upkeep, shared by the self-host's timer and the Functions <c>SyncReplicas</c> timer:
/// learn the BPSC's chains (when configured), then pull every remote chain.
/// </summary>
public sealed class SyncRound(
    ChainRegistry registry,
    ReplicaSync sync,
    NodeSettings settings,
    Logs.CheckpointService checkpoints,
    ILogger<SyncRound> log
)
{
    public async Task<IReadOnlyList<SyncReport>> RunAsync(CancellationToken cancellationToken)
    {
        using var round = SyncMetrics.StartRound();
        if (settings.BpscUrl is { } bpsc)
        {
            // An unreachable BPSC is logged there; the chains already mirrored are still pulled, from peers if need be.
            await sync.DiscoverAsync(bpsc, cancellationToken);
        }

        var reports = new List<SyncReport>();
        foreach (var chain in (await registry.ListAsync(cancellationToken)).Where(c => !c.IsLocal))
        {
            reports.Add(await sync.SyncAsync(chain, cancellationToken));
            SyncMetrics.RecordChain(reports[^1]);
            try
            {
                // The BPSC's checkpoint, served unchanged once it matches the blocks just verified (SPEC §12).
                await checkpoints.MirrorAsync(chain, chain.RemoteUrl!, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidDataException)
            {
                log.LogWarning("Chain {Chain}: could not mirror the BPSC's checkpoint: {Reason}", chain.Id, e.Message);
            }
        }

        return reports;
    }
}
