using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The self-host's BPSC timer: wakes at the next interval tick of any local chain and at least every second (on
/// the injected clock, so tests drive it) and runs <see cref="ScheduledForging"/>, which decides from storage which
/// chains are due, as the Functions host's <c>ForgeBlocks</c> timer does on its own schedule.
/// </summary>
public sealed class ProductionLoop(ScheduledForging forging, TimeProvider clock, ILogger<ProductionLoop> log)
    : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCheck = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next =
                    await forging.NextTickAsync(lastCheck, stoppingToken) is { } tick && tick < lastCheck + MaxSleep
                        ? tick
                        : lastCheck + MaxSleep;
                var sleep = next - clock.GetUtcNow();
                if (sleep > TimeSpan.Zero)
                {
                    await Task.Delay(sleep, clock, stoppingToken);
                }

                var now = clock.GetUtcNow();
                await forging.RunDueAsync(now, stoppingToken);
                lastCheck = now;
            }
            catch (Exception e) when (StorageOutage.Is(e, stoppingToken))
            {
                // lastCheck stays: the ticks missed while storage was down are forged once it is back.
                log.LogWarning("Block production waits for storage: {Error}", e.Message);
                await Task.Delay(MaxSleep, clock, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Block production loop failed; retrying");
                await Task.Delay(MaxSleep, clock, stoppingToken);
            }
        }
    }
}
