using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Domain.Blocks;

public sealed class BlockForgerTests
{
    [Fact]
    public void ForgedChainVerifiesBlockByBlock()
    {
        using var chain = TestChain.Token();
        chain.ForgeTransfers("1000000", "0.3", "12.5");
        chain.ForgeTransfers();
        chain.ForgeTransfers("7");
        var verifier = chain.Verifier();

        Block? previous = null;
        foreach (var block in chain.Blocks)
        {
            Assert.Null(BlockVerifier.CheckLink(block, previous?.Index ?? 0, previous?.Hash));
            Assert.Null(verifier.CheckContents(block));
            previous = block;
        }

        Assert.Equal(4, chain.Head.Index);
    }

    [Fact]
    public void GenesisIsIndexOneAfterHashOne()
    {
        using var chain = TestChain.Token();

        var genesis = chain.Blocks[0];

        Assert.Equal(1, genesis.Index);
        Assert.Equal("1", genesis.Header.PreviousHash);
        Assert.Equal(0, genesis.Header.TxCount);
        Assert.Equal(Sha256Hex.Of([]), genesis.Header.MerkleRoot); // the empty tree
    }

    [Fact]
    public void HashAndSignatureCoverTheCanonicalHeader()
    {
        using var chain = TestChain.Token();
        var block = chain.ForgeTransfers("5");

        var canonical = System.Text.Encoding.UTF8.GetString(block.Header.CanonicalBytes());

        Assert.Equal(
            $"{{\"chain\":\"aka\",\"index\":2,\"merkle_root\":\"{block.Header.MerkleRoot}\",\"previous_hash\":\""
                + $"{chain.Blocks[0].Hash}\",\"timestamp_ms\":{block.Header.TimestampMs},\"tx_count\":1}}",
            canonical
        );
        Assert.Equal(Sha256Hex.Of(block.Header.CanonicalBytes()), block.Hash);
        Assert.True(chain.Key.PublicKey.Verify(block.Header.CanonicalBytes(), Base64Url.TryDecode(block.Signature)));
    }

    [Fact]
    public void WireFormRoundTripStillVerifies()
    {
        using var chain = TestChain.Token();
        var block = chain.ForgeTransfers("1000000", "2");

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BlockJson.Write(writer, block);
        }

        using var json = JsonDocument.Parse(buffer.ToArray());
        var read = BlockJson.TryRead(json.RootElement, out var error);

        Assert.Null(error);
        Assert.Equal(block.Header, read!.Header);
        Assert.Equal(block.Hash, read.Hash);
        Assert.Equal(block.Transactions, read.Transactions);
        Assert.Null(chain.Verifier().CheckContents(read));
    }

    [Fact]
    public void ArticleTransferCarriesTheSixFieldsWithExactFee()
    {
        using var chain = TestChain.Token();
        var block = chain.ForgeTransfers("1000000");

        using var tx = JsonDocument.Parse(block.Transactions[0]);
        var entry = tx.RootElement;

        Assert.Equal("transfer", entry.GetProperty("type").GetString());
        Assert.Equal("alice", entry.GetProperty("sender").GetString());
        Assert.Equal("1000000", entry.GetProperty("amount_send").GetString());
        Assert.Equal(chain.Bpsc, entry.GetProperty("bpsc").GetString());
        Assert.Equal("50", entry.GetProperty("amount_bpsc").GetString());
        Assert.Equal("bob", entry.GetProperty("recipient").GetString());
        Assert.Equal("999950", entry.GetProperty("amount_receive").GetString());
    }
}
