using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// Replica upkeep on Azure Functions: on every tick of SMARTCHAIN_SYNC_SCHEDULE, one <see cref="SyncRound"/>
/// (learn the BPSC's chains, pull every remote chain), as the self-host's <see cref="SyncLoop"/> does.
/// </summary>
public sealed class SyncReplicas(SyncRound round)
{
    [Function(nameof(SyncReplicas))]
    public Task Run(
        [TimerTrigger("%SMARTCHAIN_SYNC_SCHEDULE%")] TimerInfo timer,
        CancellationToken cancellationToken
    ) => round.RunAsync(cancellationToken);
}
