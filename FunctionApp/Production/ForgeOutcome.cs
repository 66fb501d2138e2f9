using SmartChain.Domain.Blocks;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// What one forge did: the block it committed (null when there was nothing to forge) and the ids it included, by
/// position.
/// </summary>
public sealed record ForgeOutcome(Block? Block, IReadOnlyList<TxId> IncludedIds)
{
    public static readonly ForgeOutcome Nothing = new(null, []);

    public int PositionOf(TxId id)
    {
        for (var i = 0; i < IncludedIds.Count; i++)
        {
            if (IncludedIds[i] == id)
            {
                return i;
            }
        }

        return -1;
    }
}
