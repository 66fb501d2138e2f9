using SmartChain.Domain.Crypto;
using SmartChain.Domain.Production;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Accepts open-mode transfers and data records on local chains: durable through group commit before it
/// answers, then applies the count policy (count 1, the article's bpsc103, answers with the forged block).
/// </summary>
public sealed class TransactionIntake(GroupCommitter committer, PendingCounter counter, ForgeGate gate, BlockStore blocks)
{
    public Task<Acceptance> AcceptTransferAsync(ChainRecord chain, OpenTransfer transfer, CancellationToken cancellationToken)
    {
        var bpsc = Address.Of(PublicKey.TryParse(chain.BpscPublicKey)!).Value;
        return AcceptAsync(chain, id => transfer.ToEntry(id, bpsc, chain.Settings), cancellationToken);
    }

    public Task<Acceptance> AcceptRecordAsync(ChainRecord chain, string informationCanonical, CancellationToken cancellationToken) =>
        AcceptAsync(chain, id => DataRecord.ToEntry(id, informationCanonical), cancellationToken);

    private async Task<Acceptance> AcceptAsync(ChainRecord chain, Func<string, string> entryFor, CancellationToken cancellationToken)
    {
        var chainId = chain.Id.Value;
        var id = await committer.AcceptAsync(chainId, entryFor, cancellationToken);
        var policy = chain.Settings.Policy;
        if (ForgeTrigger.CountReached(policy, counter.Increment(chainId)))
        {
            var forge = gate.ForgeSoonAsync(chain, allowEmpty: false, CancellationToken.None);
            _ = forge.ContinueWith(t => counter.Forged(chainId, t.Result.IncludedIds.Count), TaskContinuationOptions.OnlyOnRanToCompletion);
            if (policy.Count == 1)
            {
                var outcome = await forge.WaitAsync(cancellationToken);
                if (outcome.Block is not null && outcome.PositionOf(id) >= 0)
                {
                    return new Acceptance(id, outcome.Block.Index, Forged: true);
                }
            }
        }

        return new Acceptance(id, await blocks.KnownHeightAsync(chainId, cancellationToken) + 1, Forged: false);
    }
}
