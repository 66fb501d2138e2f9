using SmartChain.Domain.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The timer's work, shared by both hosts (the self-host's loop and the Functions <c>ForgeBlocks</c> timer):
/// forge every local chain with an interval tick in (<c>lastCheck</c>, <c>now</c>]; an empty tick forges
/// only for a chain that asks for heartbeat blocks.
/// </summary>
public sealed class ScheduledForging(ChainRegistry registry, ForgeGate gate, ILogger<ScheduledForging> log)
{
    public async Task RunDueAsync(DateTimeOffset lastCheck, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = (await registry.ListAsync(cancellationToken))
            .Where(c => c.IsLocal && ForgeTrigger.TickPassed(c.Settings.Policy, lastCheck, now));
        await Task.WhenAll(due.Select(async chain =>
        {
            try
            {
                // Whether anything is pending is the forge's to see (across every instance): allowEmpty is the heartbeat.
                await gate.ForgeSoonAsync(chain, allowEmpty: chain.Settings.Policy.Heartbeat, cancellationToken);
            }
            catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
            {
                // Pending entries wait in storage; the first tick after it is back forges them.
                log.LogWarning("Scheduled forge of chain {Chain} waits for storage: {Error}", chain.Id, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One chain's failure must not stop the others; the next tick retries.
                log.LogError(e, "Scheduled forge of chain {Chain} failed", chain.Id);
            }
        }));
    }

    /// <summary>The earliest interval tick of any local chain after <paramref name="after"/>.</summary>
    public async Task<DateTimeOffset?> NextTickAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        (await registry.ListAsync(cancellationToken))
            .Where(c => c.IsLocal)
            .Select(c => c.Settings.Policy.NextTick(after))
            .Where(t => t is not null)
            .Min();
}
