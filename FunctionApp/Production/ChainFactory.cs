using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// Creates local chains with their genesis block (block 1, previous_hash "1"); the defaults of a fresh node among them.
/// </summary>
public sealed class ChainFactory(ChainRegistry registry, BlockProducer producer, BlockStore blocks)
{
    /// <summary>Creates the chain and its genesis; <c>Created</c> false when it existed.</summary>
    public async Task<(ChainRecord Record, bool Created)> CreateLocalAsync(
        ChainSettings settings,
        CancellationToken cancellationToken
    )
    {
        var (record, created) = await registry.CreateAsync(
            settings,
            remoteUrl: null,
            pinnedPublicKey: null,
            pinnedLogKey: null,
            cancellationToken
        );
        await EnsureGenesisAsync(record, cancellationToken);
        return (record, created);
    }

    /// <summary>
    /// Forges block 1 unless some producer already did (a restart, or several processes starting at once).
    /// </summary>
    public async Task EnsureGenesisAsync(ChainRecord record, CancellationToken cancellationToken)
    {
        if (record.IsLocal && (await blocks.ReadHeadAsync(record.Id, cancellationToken)).Height == 0)
        {
            await producer.ForgeAsync(record, allowEmpty: false, cancellationToken);
        }
    }
}
