using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Production;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// The BPSC on Azure Functions: on every tick of SMARTCHAIN_FORGE_SCHEDULE, forges each local chain whose
/// own interval ticked since the previous run, as the self-host's <see cref="ProductionLoop"/> does.
/// </summary>
public sealed class ForgeBlocks(ScheduledForging forging, TimeProvider clock)
{
    // UseMonitor is set explicitly: the host keeps the last run in storage only when monitoring is on, and
    // that last run is where this run's window starts (a host may switch monitoring off for sub-minute schedules).
    [Function(nameof(ForgeBlocks))]
    public Task Run(
        [TimerTrigger("%SMARTCHAIN_FORGE_SCHEDULE%", UseMonitor = true)] TimerInfo timer,
        CancellationToken cancellationToken) =>
        forging.RunDueAsync(LastCheck(timer), clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// When this timer last ran. The host records it in local time (UTC on Azure); before a first recorded run
    /// it is unset (year 1), and every chain whose interval has ever ticked counts as due, as on a fresh start.
    /// </summary>
    private static DateTimeOffset LastCheck(TimerInfo timer) =>
        timer.ScheduleStatus is { Last.Year: > 1 } status ? new DateTimeOffset(status.Last) : DateTimeOffset.MinValue;
}
