using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// One round of replica upkeep, shared by the self-host's timer and the Functions <c>SyncReplicas</c> timer:
/// learn the BPSC's chains (when configured), then pull every remote chain.
/// </summary>
public sealed class SyncRound(ChainRegistry registry, ReplicaSync sync, NodeSettings settings, ILogger<SyncRound> log)
{
    public async Task<IReadOnlyList<SyncReport>> RunAsync(CancellationToken cancellationToken)
    {
        if (settings.BpscUrl is { } bpsc)
        {
            try
            {
                await sync.DiscoverAsync(bpsc, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or TaskCanceledException)
            {
                log.LogWarning("Could not list the chains of the BPSC at {Bpsc}: {Reason}", bpsc, e.Message);
            }
        }

        var reports = new List<SyncReport>();
        foreach (var chain in (await registry.ListAsync(cancellationToken)).Where(c => !c.IsLocal))
        {
            reports.Add(await sync.SyncAsync(chain, cancellationToken));
        }

        return reports;
    }
}
