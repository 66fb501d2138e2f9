using SmartChain.Domain.Blocks;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The BPSC's forge, safe with any number of producers on one storage and against a crash at any instant:
/// finish the head block's follow-up if it is not done, take the oldest pending entries, forge and sign,
/// commit under the head's ETag (a lost race starts over), then move the entries to receipts.
/// </summary>
public sealed class BlockProducer(ChainRegistry registry, BlockStore blocks, PendingStore pending, TimeProvider clock, ILogger<BlockProducer> log)
{
    private const int MaxAttempts = 20;

    /// <summary>Forges the next block of a local chain. With <paramref name="allowEmpty"/> false, nothing pending means no block.</summary>
    public async Task<ForgeOutcome> ForgeAsync(ChainRecord chain, bool allowEmpty, CancellationToken cancellationToken)
    {
        var id = chain.Id.Value;
        var key = await registry.SigningKeyAsync(chain.Id, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var head = await blocks.ReadHeadAsync(id, cancellationToken);
            await FinishFollowUpAsync(id, head, cancellationToken);

            var entries = await pending.ReadOldestAsync(id, chain.Settings.MaxBlockTx, cancellationToken);
            if (entries.Count == 0 && !allowEmpty && head.Height > 0)
            {
                return ForgeOutcome.Nothing;
            }

            var block = BlockForger.Forge(id, head.Height + 1, head.PreviousHashForNext, clock.GetUtcNow().ToUnixTimeMilliseconds(), entries.Select(e => e.Text).ToList(), key);
            var refs = entries.Select(e => e.Ref).ToList();
            if (await blocks.CommitAsync(block, head, refs, followUpDone: entries.Count == 0, cancellationToken) is null)
            {
                log.LogDebug("Chain {Chain}: block {Index} was taken by another producer (attempt {Attempt})", id, block.Index, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), clock, cancellationToken);
                continue;
            }

            await FollowUpAsync(id, block.Index, refs, cancellationToken);
            log.LogInformation("Chain {Chain}: forged block {Index} with {Count} transactions", id, block.Index, entries.Count);
            return new ForgeOutcome(block, refs.Select(r => r.Id).ToList());
        }

        throw new InvalidOperationException($"chain '{id}': could not commit a block after {MaxAttempts} attempts");
    }

    /// <summary>Completes the follow-up of the head block if its producer crashed or is still at it: idempotent.</summary>
    private async Task FinishFollowUpAsync(string chain, ChainHead head, CancellationToken cancellationToken)
    {
        if (head.Height == 0)
        {
            return;
        }

        var header = await blocks.ReadHeaderAsync(chain, head.Height, cancellationToken)
            ?? throw new InvalidDataException($"chain '{chain}': head names block {head.Height}, which is missing");
        if (!header.Done)
        {
            await FollowUpAsync(chain, head.Height, await blocks.ReadRefsAsync(header, cancellationToken), cancellationToken);
        }
    }

    private async Task FollowUpAsync(string chain, long index, IReadOnlyList<PendingRef> refs, CancellationToken cancellationToken)
    {
        if (refs.Count > 0)
        {
            var moves = refs.Select((r, position) => (r, new Receipt(r.Id, Receipt.Included, index, position, null))).ToList();
            await pending.CompleteAsync(index, moves, chain, cancellationToken);
            await blocks.MarkDoneAsync(chain, index, cancellationToken);
        }
    }
}
