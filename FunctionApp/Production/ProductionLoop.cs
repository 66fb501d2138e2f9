using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The self-host's BPSC timer: sleeps until the next interval tick of any local chain (on the injected
/// clock, so tests drive it) and runs <see cref="ScheduledForging"/>. Wakes at least every second to see new chains.
/// </summary>
public sealed class ProductionLoop(ScheduledForging forging, TimeProvider clock, ILogger<ProductionLoop> log) : BackgroundService
{
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastCheck = clock.GetUtcNow();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var next = await forging.NextTickAsync(lastCheck, stoppingToken) ?? lastCheck + MaxSleep;
                var sleep = next - clock.GetUtcNow();
                if (sleep > TimeSpan.Zero)
                {
                    await Task.Delay(sleep < MaxSleep ? sleep : MaxSleep, clock, stoppingToken);
                }

                var now = clock.GetUtcNow();
                if (now >= next)
                {
                    await forging.RunDueAsync(lastCheck, now, stoppingToken);
                    lastCheck = now;
                }
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
