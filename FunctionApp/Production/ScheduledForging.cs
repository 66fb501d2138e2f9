using SmartChain.Domain.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The timer's work, shared by both hosts (the self-host's <see cref="ProductionLoop"/> and the Functions
/// <c>ForgeBlocks</c> timer): forge every local chain that <see cref="ForgeTrigger.Due"/> says is due now, judged from
/// storage (its head block's timestamp and what is pending), never from when this timer last ran.
/// </summary>
public sealed class ScheduledForging(
    ChainRegistry registry,
    BlockStore blocks,
    PendingBacklog backlog,
    ForgeGate gate,
    ILogger<ScheduledForging> log
)
{
    public async Task RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chains = (await registry.ListAsync(cancellationToken)).Where(c => c.IsLocal && !c.Settings.Policy.IsManual);
        await Task.WhenAll(
            chains.Select(async chain =>
            {
                try
                {
                    if (await IsDueAsync(chain, now, cancellationToken))
                    {
                        // The forge reads pending again (across every instance): allowEmpty is the heartbeat.
                        await gate.ForgeSoonAsync(
                            chain,
                            allowEmpty: chain.Settings.Policy.Heartbeat,
                            cancellationToken
                        );
                    }
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
            })
        );
    }

    /// <summary>The earliest interval tick of any local chain after <paramref name="after"/>.</summary>
    public async Task<DateTimeOffset?> NextTickAsync(DateTimeOffset after, CancellationToken cancellationToken) =>
        (await registry.ListAsync(cancellationToken))
            .Where(c => c.IsLocal)
            .Select(c => c.Settings.Policy.NextTick(after))
            .Where(t => t is not null)
            .Min();

    private async Task<bool> IsDueAsync(ChainRecord chain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = chain.Settings.Policy;
        var head = await blocks.ReadHeadAsync(chain.Id, cancellationToken);
        var header = head.Height == 0 ? null : await blocks.ReadHeaderAsync(chain.Id, head.Height, cancellationToken);
        IReadOnlySet<(int, string)> forged = header is { Done: false }
            ? (await blocks.ReadRefsAsync(header, cancellationToken)).Select(r => (r.Shard, r.Seq)).ToHashSet()
            : new HashSet<(int, string)>();
        var pending = await backlog.ReadAsync(chain.Id, policy.Count ?? 1, forged, cancellationToken);
        if (pending.Count == 0 && !policy.Heartbeat)
        {
            return false;
        }

        var headForgedAt = header is null
            ? DateTimeOffset.MinValue
            : DateTimeOffset.FromUnixTimeMilliseconds(header.Header.TimestampMs);
        return ForgeTrigger.Due(policy, headForgedAt, pending, now);
    }
}
