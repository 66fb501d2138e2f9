using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

/// <summary>
/// Issue 11 finding 8: a receipt's proof comes from the block's stored leaf hashes (header + one row), equal to the
/// proof computed from the whole block, and blocks stored without leaf hashes are still proved from their pages.
/// </summary>
public sealed class ReceiptProofTests
{
    private static readonly ChainId Aka = ChainId.Parse("aka");

    [Fact]
    public async Task ProofsFromStoredLeafHashesEqualProofsFromTheWholeBlockAtEveryPosition()
    {
        var tables = await TestTables.CreateAsync();
        var store = new BlockStore(tables);
        using var chain = TestChain.Token();
        var head = await store.CommitAsync(
            chain.Blocks[0],
            ChainHead.Empty,
            refs: null,
            followUpDone: true,
            CancellationToken.None
        );
        foreach (var size in new[] { 1, 2, 3, 7, 100, 257 })
        {
            var block = chain.ForgeTransfers(
                Enumerable
                    .Range(1, size)
                    .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                    .ToArray()
            );
            head = await store.CommitAsync(block, head!, refs: null, followUpDone: true, CancellationToken.None);
            var whole = (await store.ReadBlockAsync(Aka, block.Index, CancellationToken.None))!;
            var leaves = BlockForger.LeafHashes(whole.Transactions);
            var root = Hex.Decode(block.Header.MerkleRoot);

            for (var position = 0; position < size; position++)
            {
                var stored = await store.ReadProofAsync(Aka, block.Index, position, CancellationToken.None);
                Assert.True(stored is not null, $"no stored proof for position {position} of block {block.Index}");
                var expected = MerkleTree.Prove(leaves, position);
                Assert.Equal((expected.LeafIndex, expected.TreeSize), (stored.Proof.LeafIndex, stored.Proof.TreeSize));
                Assert.Equal(
                    expected.AuditPath.Select(Convert.ToHexString),
                    stored.Proof.AuditPath.Select(Convert.ToHexString)
                );
                Assert.True(
                    MerkleTree.VerifyInclusion(leaves[position], stored.Proof, root),
                    $"position {position} of {size}"
                );
                Assert.Equal(block.Hash, stored.Header.Hash.Value);
            }
        }
    }

    [Fact]
    public async Task ABlockStoredWithoutLeafHashesHasNoStoredProof()
    {
        var tables = await TestTables.CreateAsync();
        var store = new BlockStore(tables);
        using var chain = TestChain.Token();
        var head = await store.CommitAsync(
            chain.Blocks[0],
            ChainHead.Empty,
            refs: null,
            followUpDone: true,
            CancellationToken.None
        );
        var block = chain.ForgeTransfers("1", "2", "3");
        await store.CommitAsync(block, head!, refs: null, followUpDone: true, CancellationToken.None);
        Assert.NotNull(await store.ReadProofAsync(Aka, 2, 1, CancellationToken.None));

        // What a build before leaf hashes stored: a header without ChunkRoots.
        var header = (await tables.Blocks.GetEntityAsync<TableEntity>("aka", BlockStore.RowKey(2))).Value;
        header.Remove(LeafHashRows.ChunkRootsProperty);
        await tables.Blocks.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);

        // A fresh store, as a node of that build's data would start: a store keeps the committed rows it read.
        var restarted = new BlockStore(tables);
        Assert.Null(await restarted.ReadProofAsync(Aka, 2, 1, CancellationToken.None));
        Assert.Null(await restarted.ReadProofAsync(Aka, 3, 0, CancellationToken.None));
    }

    [Fact]
    public async Task TheReceiptRouteAnswersTheSameProofWithAndWithoutStoredLeafHashes()
    {
        await using var node = new NodeApp();
        var admin = node.AdminClient();
        var ids = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            using var response = await admin.PostJsonAsync(
                "/transactions/new",
                new
                {
                    sender = "alice",
                    amount = i,
                    recipient = "bob",
                }
            );
            ids.Add((await response.JsonAsync()).GetProperty("id").GetString()!);
        }

        var block = (await admin.ForgeAsync("aka", NodeApp.AdminKey)).GetProperty("index").GetInt64();
        var withRows = new List<string>();
        foreach (var id in ids)
        {
            withRows.Add(
                (await admin.GetJsonAsync($"/chains/aka/transactions/{id}")).GetProperty("proof").GetRawText()
            );
        }

        // The same block as a build before leaf hashes stored it: a header without ChunkRoots, answered from its pages.
        var blocks = new TableServiceClient(TestStorage.ConnectionString).GetTableClient(node.Prefix + "blocks");
        var header = (await blocks.GetEntityAsync<TableEntity>("aka", BlockStore.RowKey(block))).Value;
        header.Remove(LeafHashRows.ChunkRootsProperty);
        await blocks.UpdateEntityAsync(header, header.ETag, TableUpdateMode.Replace);
        var withoutRows = new List<string>();
        foreach (var id in ids)
        {
            withoutRows.Add(
                (await admin.GetJsonAsync($"/chains/aka/transactions/{id}")).GetProperty("proof").GetRawText()
            );
        }

        Assert.Equal(withRows, withoutRows);
        Assert.All(withRows, proof => Assert.Contains("audit_path", proof));
    }
}
