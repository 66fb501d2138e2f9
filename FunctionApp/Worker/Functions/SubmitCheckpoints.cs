using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Logs;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// Checkpoint submission to SMARTCHAIN_WITNESSES on Azure Functions, on every tick of SMARTCHAIN_WITNESS_SCHEDULE (the
/// self-host's WitnessLoop).
/// </summary>
public sealed class SubmitCheckpoints(WitnessSubmitter submitter)
{
    [Function(nameof(SubmitCheckpoints))]
    public Task Run(
        [TimerTrigger("%SMARTCHAIN_WITNESS_SCHEDULE%")] TimerInfo timer,
        CancellationToken cancellationToken
    ) => submitter.RunOnceAsync(cancellationToken);
}
