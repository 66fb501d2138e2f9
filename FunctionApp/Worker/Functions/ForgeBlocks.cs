using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Production;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// The BPSC on Azure Functions: on every tick of SMARTCHAIN_FORGE_SCHEDULE, forges each local chain that is due by
/// its own policy, as the self-host's <see cref="ProductionLoop"/> does. Due-ness comes from storage (head block,
/// pending entries), so the host's record of the last run (null for sub-minute schedules) is not used.
/// </summary>
public sealed class ForgeBlocks(ScheduledForging forging, TimeProvider clock)
{
    [Function(nameof(ForgeBlocks))]
    public Task Run(
        [TimerTrigger("%SMARTCHAIN_FORGE_SCHEDULE%")] TimerInfo timer,
        CancellationToken cancellationToken
    ) => forging.RunDueAsync(clock.GetUtcNow(), cancellationToken);
}
