using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

public sealed class BlockStoreTests
{
    private static readonly ChainId Aka = ChainId.Parse("aka");

    [Fact]
    public async Task CommitMovesTheHeadAndTheBlockReadsBackIdentical()
    {
        var store = new BlockStore(await TestTables.CreateAsync());
        using var chain = TestChain.Token();
        var genesis = chain.Blocks[0];
        var second = chain.ForgeTransfers("1000000", "0.3");

        var head1 = await store.CommitAsync(
            genesis,
            ChainHead.Empty,
            refs: null,
            followUpDone: true,
            CancellationToken.None
        );
        var head2 = await store.CommitAsync(second, head1!, refs: null, followUpDone: true, CancellationToken.None);

        Assert.Equal((2L, BlockHash.Parse(second.Hash)), (head2!.Height, head2.Hash));
        var head = await store.ReadHeadAsync(Aka, CancellationToken.None);
        Assert.Equal((2L, BlockHash.Parse(second.Hash)), (head.Height, head.Hash));
        var read = await store.ReadBlockAsync(Aka, 2, CancellationToken.None);
        Assert.Equal(second.Header, read!.Header);
        Assert.Equal(second.Signature, read.Signature);
        Assert.Equal(second.Transactions, read.Transactions);
        Assert.Null(await store.ReadBlockAsync(Aka, 3, CancellationToken.None));
    }

    [Fact]
    public async Task CommitRefusesASecondHeaderAtTheSameIndex()
    {
        var store = new BlockStore(await TestTables.CreateAsync());
        using var chain = TestChain.Token();
        using var rival = TestChain.Token();
        var head1 = await store.CommitAsync(chain.Blocks[0], ChainHead.Empty, null, true, CancellationToken.None);
        var head2 = await store.CommitAsync(chain.ForgeTransfers("1"), head1!, null, true, CancellationToken.None);

        // A rival block 2 presented with the current head's (fresh) ETag: only the header row's uniqueness stops it.
        var rivalTwo = rival.ForgeTransfers("2");
        var refused = await store.CommitAsync(
            rivalTwo with
            {
                Header = rivalTwo.Header with { PreviousHash = chain.Blocks[0].Hash },
            },
            head2!,
            null,
            true,
            CancellationToken.None
        );

        Assert.Null(refused);
        var head = await store.ReadHeadAsync(Aka, CancellationToken.None);
        Assert.Equal((2L, chain.Head.Hash), (head.Height, head.Hash?.Value));
        Assert.Equal(chain.Head.Hash, (await store.ReadBlockAsync(Aka, 2, CancellationToken.None))!.Hash);
    }

    [Fact]
    public async Task CommitRefusesAStaleETag()
    {
        var store = new BlockStore(await TestTables.CreateAsync());
        using var chain = TestChain.Token();
        var head1 = await store.CommitAsync(chain.Blocks[0], ChainHead.Empty, null, true, CancellationToken.None);
        var head2 = await store.CommitAsync(chain.ForgeTransfers("1"), head1!, null, true, CancellationToken.None);

        // Block 3 built on what a slower producer saw (height 1's ETag) must not land, nor move the head.
        var third = chain.ForgeTransfers("2");
        Assert.Null(await store.CommitAsync(third, head1!, null, true, CancellationToken.None));
        Assert.Equal(2, (await store.ReadHeadAsync(Aka, CancellationToken.None)).Height);
        Assert.Null(await store.ReadHeaderAsync(Aka, 3, CancellationToken.None));

        // With the current ETag it does.
        Assert.NotNull(await store.CommitAsync(third, head2!, null, true, CancellationToken.None));
        Assert.Equal(3, (await store.ReadHeadAsync(Aka, CancellationToken.None)).Height);
    }

    [Fact]
    public async Task SecondGenesisIsRefused()
    {
        var store = new BlockStore(await TestTables.CreateAsync());
        using var first = TestChain.Token();
        using var second = TestChain.Token();

        Assert.NotNull(await store.CommitAsync(first.Blocks[0], ChainHead.Empty, null, true, CancellationToken.None));
        Assert.Null(await store.CommitAsync(second.Blocks[0], ChainHead.Empty, null, true, CancellationToken.None));
        Assert.Equal(first.Blocks[0].Hash, (await store.ReadHeadAsync(Aka, CancellationToken.None)).Hash?.Value);
    }

    [Fact]
    public async Task ReadBlocksStreamsARangeInOrder()
    {
        var store = new BlockStore(await TestTables.CreateAsync());
        using var chain = TestChain.Token();
        var head = await store.CommitAsync(chain.Blocks[0], ChainHead.Empty, null, true, CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            head = await store.CommitAsync(chain.ForgeTransfers($"{i + 1}"), head!, null, true, CancellationToken.None);
        }

        var read = new List<Block>();
        await foreach (var block in store.ReadBlocksAsync(Aka, 5, 17, CancellationToken.None))
        {
            read.Add(block);
        }

        Assert.Equal(Enumerable.Range(5, 13).Select(i => (long)i), read.Select(b => b.Index));
        Assert.Equal(chain.Blocks.Skip(4).Take(13).Select(b => b.Hash), read.Select(b => b.Hash));
    }
}
