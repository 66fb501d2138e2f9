namespace SmartChain.FunctionApp.Logs;

/// <summary>
/// The self-host's background submission of checkpoints to witnesses, once a second (never in a commit).
/// </summary>
public sealed class WitnessLoop(WitnessSubmitter submitter, ILogger<WitnessLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (submitter.Witnesses.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await submitter.RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "Witness submission round failed");
            }
        }
    }
}
