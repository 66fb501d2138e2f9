using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// A header row of the <c>blocks</c> table: the block minus its transactions, plus where its pages are and whether
/// its follow-up ran.
/// </summary>
public sealed record StoredHeader(BlockHeader Header, BlockHash Hash, string Signature, int Pages, bool Done)
{
    public static StoredHeader From(ChainId chain, TableEntity row) =>
        new(
            new BlockHeader
            {
                Chain = chain.Value,
                Index = long.Parse(row.RowKey, System.Globalization.CultureInfo.InvariantCulture),
                TimestampMs = row.GetInt64("TimestampMs")!.Value,
                PreviousHash = row.GetString("PreviousHash"),
                MerkleRoot = row.GetString("MerkleRoot"),
                TxCount = row.GetInt32("TxCount")!.Value,
            },
            BlockHash.Parse(row.GetString("Hash")),
            row.GetString("Signature"),
            row.GetInt32("Pages")!.Value,
            row.GetBoolean("Done") ?? false
        );
}
