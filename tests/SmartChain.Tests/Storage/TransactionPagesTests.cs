using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class TransactionPagesTests
{
    private static readonly ChainId Aka = ChainId.Parse("aka");

    [Theory]
    [InlineData(10_000, 0)] // many small transfers: a full block
    [InlineData(120, 16_000)] // few records near the 16 KiB information limit: several pages, many chunks
    [InlineData(1, 0)]
    public async Task PackedPagesRoundTripThroughTableStorage(int count, int padding)
    {
        var tables = await TestTables.CreateAsync();
        var hash = BlockHash.Parse(new string('a', 64));
        var transactions = Enumerable.Range(0, count).Select(i => Entry(i, padding)).ToList();
        var refs = Enumerable
            .Range(0, count)
            .Select(i => new PendingRef(i % 16, $"{i:x27}", TxId.Parse($"{i % 16:x}{i:x27}")))
            .ToList();

        var pages = TransactionPages.Pack(Aka, hash, transactions, refs);
        foreach (var page in pages)
        {
            await tables.BlockTx.AddEntityAsync(page);
        }

        var partition = TransactionPages.Partition(Aka, hash);
        var stored = await tables.BlockTx.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
        Assert.Equal(pages.Count, stored.Count);
        Assert.Equal(transactions, stored.SelectMany(TransactionPages.Transactions));
        Assert.Equal(refs, stored.SelectMany(TransactionPages.Refs));
    }

    [Fact]
    public async Task CharactersOutsideTheBasicPlaneSurviveChunkBoundaries()
    {
        // Canonical JSON keeps non-ASCII as is; a chunk boundary must not cut a surrogate pair in two.
        var tables = await TestTables.CreateAsync();
        var hash = BlockHash.Parse(new string('b', 64));
        var transactions = Enumerable
            .Range(0, 40)
            .Select(i =>
                CanonicalJson.ToText(
                    new JsonObject
                    {
                        ["id"] = $"r{i}",
                        ["type"] = "record",
                        ["information"] = new string('x', i) + string.Concat(Enumerable.Repeat("😀é中", 2_000)),
                    }
                )
            )
            .ToList();

        foreach (var page in TransactionPages.Pack(ChainId.Parse("data"), hash, transactions, null))
        {
            await tables.BlockTx.AddEntityAsync(page);
        }

        var partition = TransactionPages.Partition(ChainId.Parse("data"), hash);
        var stored = await tables.BlockTx.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
        Assert.Equal(transactions, stored.SelectMany(TransactionPages.Transactions));
    }

    [Fact]
    public void NoTransactionsMeansNoPages()
    {
        Assert.Empty(TransactionPages.Pack(Aka, BlockHash.Parse(new string('c', 64)), [], null));
    }

    private static string Entry(int i, int padding) =>
        CanonicalJson.ToText(
            new JsonObject
            {
                ["id"] = $"{i % 16:x}{i:x27}",
                ["type"] = "record",
                ["information"] = new JsonObject { ["n"] = i, ["text"] = new string((char)('a' + (i % 26)), padding) },
            }
        );
}
