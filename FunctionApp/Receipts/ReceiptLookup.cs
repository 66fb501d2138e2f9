using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Receipts;

/// <summary>
/// What became of a transaction, by id (<c>GET /chains/{chain}/transactions/{id}</c>): where its id says it waits (a
/// node-assigned id names its shard and sequence, <see cref="AcceptanceSequence.Locate"/>; a ledger id is looked up in
/// every shard's index, <see cref="AccountStore.LocateAsync"/>), its receipt there, and once it is in a block, its leaf
/// index in the chain's log and its Merkle inclusion proof.
/// </summary>
public sealed class ReceiptLookup(PendingStore pending, AccountStore accounts, BlockStore blocks)
{
    /// <summary>The transaction's receipt with its log index and proof; null when the chain holds no such id.</summary>
    public async Task<ReceiptView?> FindAsync(ChainId chain, TxId id, CancellationToken cancellationToken)
    {
        var location =
            AcceptanceSequence.Locate(id)
            ?? (Hex.IsLowerHex(id.Value, 64) ? await accounts.LocateAsync(chain, id, cancellationToken) : null);
        if (location is null)
        {
            return null;
        }

        var receipt = await pending.FindAsync(chain, location.Value.Shard, id, location.Value.Seq, cancellationToken);
        if (receipt is null)
        {
            return null;
        }

        if (receipt.BlockIndex is not { } index || receipt.Position is not { } position)
        {
            return new ReceiptView(receipt, null, null);
        }

        // The block's stored leaf hashes answer with two point reads (cached: they never change once committed);
        // blocks stored before them are read whole. The entry's leaf index in the chain's transparency log (SPEC §12)
        // is the log size before its block + its position.
        var stored = await blocks.ReadProofAsync(chain, index, position, cancellationToken);
        var logIndex =
            (stored is null ? await blocks.ReadLogStartAsync(chain, index, cancellationToken) : stored.LogStart)
            + position;
        ReceiptProof? proof = null;
        if (stored is not null)
        {
            proof = new ReceiptProof(stored.Proof, stored.Header.Header.MerkleRoot, stored.Header.Hash);
        }
        else if (await blocks.ReadBlockAsync(chain, index, cancellationToken) is { } block)
        {
            var inclusion = MerkleTree.Prove(BlockForger.LeafHashes(block.Transactions), position);
            proof = new ReceiptProof(inclusion, block.Header.MerkleRoot, BlockHash.Parse(block.Hash));
        }

        return new ReceiptView(receipt, logIndex, proof);
    }
}
