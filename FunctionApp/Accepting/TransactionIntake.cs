using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;
using SmartChain.Domain.Production;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Accepts open-mode transfers and data records on local chains: durable through group commit before it
/// answers, then applies the count policy (count 1, the article's bpsc103, answers with the forged block).
/// </summary>
public sealed class TransactionIntake(
    OpenEntryCommitter committer,
    LedgerTransferCommitter ledger,
    PendingCounter counter,
    ForgeGate gate,
    BlockStore blocks,
    AccountStore accounts,
    PendingStore pending,
    AcceptanceSequence sequence
)
{
    public Task<Acceptance> AcceptTransferAsync(
        ChainRecord chain,
        OpenTransfer transfer,
        CancellationToken cancellationToken
    )
    {
        var bpsc = chain.BpscAddress!;
        return AcceptAsync(chain, id => transfer.ToEntry(id.Value, bpsc, chain.Settings), cancellationToken);
    }

    public Task<Acceptance> AcceptRecordAsync(
        ChainRecord chain,
        string informationCanonical,
        CancellationToken cancellationToken
    ) => AcceptAsync(chain, id => DataRecord.ToEntry(id.Value, informationCanonical), cancellationToken);

    /// <summary>
    /// Accepts a signed ledger request against the sender's account: the next nonce, enough spendable
    /// balance (a mint needs none), then reserve + nonce + pending entry in one atomic batch — shared with concurrent
    /// transfers of other senders of the shard (<see cref="LedgerTransferCommitter"/>) — and judged alone, from a
    /// fresh read, whenever the shared batch could not take it or another acceptance changed the account first. An
    /// undeliverable transfer is accepted as its refund. Resubmitting an accepted request answers the same id and
    /// applies nothing.
    /// </summary>
    public async Task<(Acceptance? Acceptance, LedgerRefusal? Refusal)> AcceptSignedAsync(
        ChainRecord chain,
        SignedTransfer transfer,
        CancellationToken cancellationToken
    )
    {
        var chainId = chain.Id;
        var sender = Address.Parse(transfer.Sender);
        var id = TxId.Parse(transfer.Id);
        var bpsc = chain.BpscAddress!;
        var entry = LedgerDelivery.RefundReason(transfer, chain.Settings) is { } reason
            ? LedgerDelivery.ToRefund(transfer, reason)
            : transfer.ToEntry(bpsc, chain.Settings);
        var reserve = TransferRule.ReserveOf(transfer.Type, transfer.Amount);
        if (await ledger.TryAcceptAsync(chain, sender, transfer.Nonce, reserve, id, entry, cancellationToken))
        {
            return (await AfterAcceptAsync(chain, id, cancellationToken), null);
        }

        // The shared batch did not take it: its remembered account looked refusable, or the batch lost an ETag race.
        // Either way it is judged alone, from storage: only storage may refuse.
        while (true)
        {
            var account = await accounts.ReadAsync(chainId, sender, cancellationToken);
            if (TransferRule.Judge(account.View, transfer.Sender, transfer.Nonce, reserve) is { } refusal)
            {
                // A used nonce may be this very transfer sent again: then it answers as it did, applying nothing.
                if (
                    transfer.Nonce < account.NextNonce
                    && await accounts.FindAcceptedAsync(chainId, sender, id, cancellationToken) is { } seq
                )
                {
                    var shard = AccountStore.ShardOf(sender);
                    var receipt = await pending.FindAsync(chainId, shard, id, seq, cancellationToken);
                    var block = receipt?.BlockIndex ?? await blocks.KnownHeightAsync(chainId, cancellationToken) + 1;
                    return (new Acceptance(id, block, false, receipt?.Status ?? Receipt.Pending), null);
                }

                return (null, refusal);
            }

            var accepted = new PendingEntry(new PendingRef(AccountStore.ShardOf(sender), sequence.Next(), id), entry);
            if (await accounts.AcceptAsync(chainId, account, reserve, accepted, cancellationToken))
            {
                return (await AfterAcceptAsync(chain, id, cancellationToken), null);
            }
        }
    }

    private async Task<Acceptance> AcceptAsync(
        ChainRecord chain,
        Func<TxId, string> entryFor,
        CancellationToken cancellationToken
    )
    {
        var id = await committer.AcceptAsync(chain, entryFor, cancellationToken);
        return await AfterAcceptAsync(chain, id, cancellationToken);
    }

    /// <summary>
    /// Applies the count policy to a durable acceptance; count 1 (the article's bpsc103) waits for the forged block.
    /// </summary>
    private async Task<Acceptance> AfterAcceptAsync(ChainRecord chain, TxId id, CancellationToken cancellationToken)
    {
        var chainId = chain.Id;
        AcceptanceMetrics.RecordAccepted(chain);
        var policy = chain.Settings.Policy;
        if (ForgeTrigger.CountReached(policy, counter.Increment(chainId)))
        {
            var forge = gate.ForgeSoonAsync(chain, allowEmpty: false, CancellationToken.None);
            if (policy.Count == 1)
            {
                try
                {
                    var outcome = await forge.WaitAsync(cancellationToken);
                    if (outcome.Block is not null && outcome.PositionOf(id) >= 0)
                    {
                        return new Acceptance(id, outcome.Block.Index, Forged: true, Status: Receipt.Included);
                    }
                }
                catch (Exception e) when (StorageOutage.Is(e, cancellationToken))
                {
                    // The entry is durable already: answer it as pending rather than 503 (a retry would add it twice);
                    // the next forge takes it once storage is back.
                }
            }
        }

        return new Acceptance(id, await blocks.KnownHeightAsync(chainId, cancellationToken) + 1, Forged: false);
    }
}
