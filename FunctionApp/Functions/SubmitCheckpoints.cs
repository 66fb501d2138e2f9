using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Logs;

namespace SmartChain.FunctionApp.Functions;

/// <summary>Checkpoint submission to SMARTCHAIN_WITNESSES on Azure Functions, every 5 s (the self-host's WitnessLoop).</summary>
public sealed class SubmitCheckpoints(WitnessSubmitter submitter)
{
    [Function(nameof(SubmitCheckpoints))]
    public Task Run(
        [TimerTrigger("*/5 * * * * *")] TimerInfo timer,
        CancellationToken cancellationToken) =>
        submitter.RunOnceAsync(cancellationToken);
}
