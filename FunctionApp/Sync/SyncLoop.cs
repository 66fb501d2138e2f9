using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>The self-host's replica timer: a <see cref="SyncRound"/> every SMARTCHAIN_SYNC_SECONDS.</summary>
public sealed class SyncLoop(SyncRound round, NodeSettings settings, TimeProvider clock, ILogger<SyncLoop> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await round.RunAsync(stoppingToken);
            }
            catch (Exception e) when (StorageOutage.Is(e, stoppingToken))
            {
                log.LogWarning("Replica sync waits for storage: {Error}", e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Replica sync round failed; retrying next round");
            }

            await Task.Delay(TimeSpan.FromSeconds(settings.SyncSeconds), clock, stoppingToken);
        }
    }
}
