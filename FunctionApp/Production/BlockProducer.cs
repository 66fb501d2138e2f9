using SmartChain.Domain.Blocks;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// The BPSC's forge, safe with any number of producers on one storage and against a crash at any instant:
/// finish the head block's follow-up if it is not done, take the oldest pending entries, forge and sign,
/// commit under the head's ETag (a lost race starts over), then the follow-up: entries become receipts
/// and, on ledger chains, the block's effects reach the account rows.
/// </summary>
public sealed class BlockProducer(
    ChainRegistry registry,
    BlockStore blocks,
    PendingStore pending,
    AccountStore accounts,
    PendingCounter counter,
    AccountHistory history,
    TimeProvider clock,
    ILogger<BlockProducer> log
)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Forges the next block of a local chain. With <paramref name="allowEmpty"/> false, nothing pending means no
    /// block.
    /// </summary>
    public async Task<ForgeOutcome> ForgeAsync(ChainRecord chain, bool allowEmpty, CancellationToken cancellationToken)
    {
        var id = chain.Id;
        using var forge = ProductionMetrics.Start(id);
        var key = await registry.SigningKeyAsync(chain.Id, cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var head = await blocks.ReadHeadAsync(id, cancellationToken);
            await FinishFollowUpAsync(chain, head, cancellationToken);

            var entries =
                head.Height == 0 ? [] : await pending.ReadOldestAsync(id, chain.Settings.MaxBlockTx, cancellationToken);
            if (entries.Count == 0 && !allowEmpty && head.Height > 0)
            {
                forge.Nothing();
                return ForgeOutcome.Nothing;
            }

            var texts =
                head.Height == 0
                    ? GenesisEntries.For(chain.Settings, Address.Of(key.PublicKey).Value)
                    : entries.Select(e => e.Text).ToList();
            var forgedAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var block = BlockForger.Forge(id.Value, head.Height + 1, head.PreviousHashForNext, forgedAt, texts, key);
            var refs = entries.Select(e => e.Ref).ToList();
            if (await blocks.CommitAsync(block, head, refs, followUpDone: texts.Count == 0, cancellationToken) is null)
            {
                log.LogDebug(
                    "Chain {Chain}: block {Index} was taken by another producer (attempt {Attempt})",
                    id,
                    block.Index,
                    attempt
                );
                ProductionMetrics.RecordConflict(id);
                await Task.Delay(
                    TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)),
                    clock,
                    cancellationToken
                );
                continue;
            }

            forge.Forged(block.Index, texts.Count, refs.Count);

            // Whichever forge took them (count, schedule or admin), these entries no longer count towards the next
            // block.
            counter.Forged(id, refs.Count);
            await FollowUpAsync(chain, block, refs, cancellationToken);
            log.LogInformation(
                "Chain {Chain}: forged block {Index} with {Count} transactions",
                id,
                block.Index,
                texts.Count
            );
            return new ForgeOutcome(block, refs.Select(r => r.Id).ToList());
        }

        throw new InvalidOperationException($"chain '{id}': could not commit a block after {MaxAttempts} attempts");
    }

    /// <summary>
    /// Completes the follow-up of the head block if its producer crashed or is still at it: idempotent.
    /// </summary>
    private async Task FinishFollowUpAsync(ChainRecord chain, ChainHead head, CancellationToken cancellationToken)
    {
        if (head.Height == 0)
        {
            return;
        }

        var id = chain.Id;
        var header =
            await blocks.ReadHeaderAsync(id, head.Height, cancellationToken)
            ?? throw new InvalidDataException($"chain '{id}': head names block {head.Height}, which is missing");
        if (!header.Done)
        {
            var block = await blocks.ReadBlockAsync(id, head.Height, cancellationToken);
            await FollowUpAsync(
                chain,
                block!,
                await blocks.ReadRefsAsync(header, cancellationToken),
                cancellationToken
            );
        }
    }

    /// <summary>
    /// <paramref name="refs"/> are the pending rows of the block's entries, position for position (none for genesis).
    /// </summary>
    private async Task FollowUpAsync(
        ChainRecord chain,
        Block block,
        IReadOnlyList<PendingRef> refs,
        CancellationToken cancellationToken
    )
    {
        if (block.Transactions.Count == 0)
        {
            return;
        }

        var id = chain.Id;
        using var span = Telemetry.StartChild("smartchain.forge.follow_up", id);
        if (chain.Settings.IsLedger)
        {
            var effects = LedgerEffects.Of(
                block.Transactions.Select(LedgerEntry.ReadForged),
                chain.BpscAddress!,
                chain.Settings.FeePolicy
            );
            // Every account a valid ledger block changes is an address (the genesis sender only mints: never debited).
            var changes = effects.Accounts.ToDictionary(a => Address.Parse(a.Key), a => a.Value);
            await accounts.ApplyAsync(id, block.Index, changes, cancellationToken);

            // Before the header is marked done, so a crash here re-runs it: rows are upserts derived from the block.
            await history.WriteAsync(
                id,
                block.Index,
                block.Transactions,
                chain.BpscAddress!,
                chain.Settings.FeePolicy,
                cancellationToken
            );
        }

        var moves = refs.Select((r, position) => (r, Receipt.Of(r.Id, block, position))).ToList();
        await pending.CompleteAsync(block.Index, moves, id, cancellationToken);
        await blocks.MarkDoneAsync(id, block.Index, cancellationToken);
    }
}
