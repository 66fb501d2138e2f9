using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Hosting;

/// <summary>
/// Readies storage before the node serves: the tables, the default chains of a fresh node — <c>data</c>
/// always, <c>aka</c> unless this node mirrors a BPSC — with their keys and genesis blocks. Safe to run
/// in several processes at once.
/// </summary>
public sealed class NodeStartup(Tables tables, ChainFactory factory, NodeSettings settings, ILogger<NodeStartup> log)
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Readies storage, waiting for it while it is unreachable (logged, retried every 2 s) instead of failing: a node
    /// started during a storage outage comes up by itself once storage is back, and never crash-loops. It listens only
    /// after that (it has nothing it could answer without its tables).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await ReadyAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
            {
                log.LogWarning(
                    "Storage unavailable at startup ({Error}); retrying in {Seconds} s",
                    e.Message,
                    RetryEvery.TotalSeconds
                );
                await Task.Delay(RetryEvery, cancellationToken);
            }
        }
    }

    private async Task ReadyAsync(CancellationToken cancellationToken)
    {
        await tables.CreateIfMissingAsync(cancellationToken);
        var policy = DefaultPolicy();
        await factory.CreateLocalAsync(ChainSettings.DefaultData(policy), cancellationToken);
        // A replica does not wait for its BPSC here (SPEC §9): it serves what it has at once, and its sync timer
        // (the first round runs as soon as the node starts) learns the BPSC's chains when the BPSC answers.
        if (settings.BpscUrl is null)
        {
            await factory.CreateLocalAsync(ChainSettings.DefaultToken(policy), cancellationToken);
        }

        log.LogInformation(
            "SmartChain node ready: tables '{Prefix}*', default policy {Policy}",
            settings.TablePrefix,
            policy.IsManual ? "manual" : $"{policy.Interval} or {policy.Count} tx"
        );
    }

    private ProductionPolicy DefaultPolicy() =>
        settings.Manual
            ? ProductionPolicy.Manual
            : ProductionPolicy.Default with
            {
                Count = settings.DefaultPolicyCount ?? ProductionPolicy.Default.Count,
                Interval = settings.DefaultPolicyInterval ?? ProductionPolicy.Default.Interval,
            };
}
