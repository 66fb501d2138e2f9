using System.Text;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;

namespace SmartChain.Domain.Blocks;

/// <summary>Builds and signs the next block of a chain from canonical transaction texts.</summary>
public static class BlockForger
{
    public static Block Forge(
        string chain,
        long index,
        string previousHash,
        long timestampMs,
        IReadOnlyList<string> transactions,
        SigningKey key
    )
    {
        var header = new BlockHeader
        {
            Chain = chain,
            Index = index,
            TimestampMs = timestampMs,
            PreviousHash = previousHash,
            MerkleRoot = MerkleRootOf(transactions),
            TxCount = transactions.Count,
        };
        var headerBytes = header.CanonicalBytes();
        return new Block
        {
            Header = header,
            Hash = Sha256Hex.Of(headerBytes),
            Signature = Base64Url.Encode(key.Sign(headerBytes)),
            Transactions = transactions,
        };
    }

    public static string MerkleRootOf(IReadOnlyList<string> transactions) =>
        Hex.Encode(MerkleTree.RootFromLeafHashes(LeafHashes(transactions)));

    public static byte[][] LeafHashes(IReadOnlyList<string> transactions)
    {
        var leaves = new byte[transactions.Count][];
        for (var i = 0; i < leaves.Length; i++)
        {
            leaves[i] = MerkleTree.LeafHash(Encoding.UTF8.GetBytes(transactions[i]));
        }

        return leaves;
    }
}
