using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Domain.Verification;

public sealed class BlockVerifierTests
{
    [Theory]
    [InlineData("amount_bpsc", "49", "amount_bpsc 49 is not amount_send × 0.00005 rounded down (50)")]
    [InlineData("amount_receive", "999951", "amount_receive 999951 is not amount_send − amount_bpsc (999950)")]
    [InlineData("amount_send", "2000000", "amount_bpsc 50 is not amount_send × 0.00005 rounded down (100)")]
    // only the canonical print hashes one way
    [InlineData("amount_send", "1000000.0", "amount_send is not a valid amount")]
    public void RefusesTransferWhoseFeeMathIsWrongEvenWhenSignedByTheBpsc(string field, string value, string reason)
    {
        using var chain = TestChain.Token();
        var entry = JsonNode.Parse(chain.Transfer("1000000"))!.AsObject();
        entry[field] = value;
        var block = chain.Forge(CanonicalJson.ToText(entry));

        Assert.Equal($"block 2, transaction 0: {reason}", chain.Verifier().CheckContents(block));
    }

    [Fact]
    public void RefusesChangedAmountServedWithTheOriginalHeader()
    {
        using var chain = TestChain.Token();
        var tampered = BlockTampering.Apply(TamperKind.Amount, chain.ForgeTransfers("1000000"));

        Assert.StartsWith(
            $"block 2: merkle_root {tampered.Header.MerkleRoot} does not match its transactions",
            chain.Verifier().CheckContents(tampered)
        );
    }

    [Fact]
    public void RefusesChangedHeaderField()
    {
        using var chain = TestChain.Token();
        var tampered = BlockTampering.Apply(TamperKind.HeaderField, chain.ForgeTransfers("3"));

        Assert.StartsWith(
            $"block 2: hash {tampered.Hash} does not match its header (computed ",
            chain.Verifier().CheckContents(tampered)
        );
    }

    [Fact]
    public void RefusesSignatureByAnotherKey()
    {
        using var chain = TestChain.Token();
        var tampered = BlockTampering.Apply(TamperKind.Signature, chain.ForgeTransfers("3"));

        Assert.Equal(
            "block 2: signature is not valid for the pinned BPSC key",
            chain.Verifier().CheckContents(tampered)
        );
    }

    [Fact]
    public void RefusesGenuineBlockWhenAnotherKeyIsPinned()
    {
        using var chain = TestChain.Token();
        using var other = SigningKey.Generate();
        var block = chain.ForgeTransfers("3");

        Assert.Equal(
            "block 2: signature is not valid for the pinned BPSC key",
            new BlockVerifier(chain.Settings, other.PublicKey).CheckContents(block)
        );
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AAAA")]
    public void RefusesMalformedSignature(string signature)
    {
        using var chain = TestChain.Token();
        var block = chain.ForgeTransfers("3") with { Signature = signature };

        Assert.Equal("block 2: signature is not valid for the pinned BPSC key", chain.Verifier().CheckContents(block));
    }

    [Fact]
    public void RefusesBrokenLink()
    {
        using var chain = TestChain.Token();
        var second = chain.ForgeTransfers("3");
        var third = chain.ForgeTransfers("4");
        var relinked = BlockTampering.Apply(TamperKind.Link, third);

        Assert.Null(BlockVerifier.CheckLink(third, second.Index, second.Hash));
        Assert.Equal(
            $"block 3: previous_hash {new string('0', 64)} does not match block 2's hash {second.Hash}",
            BlockVerifier.CheckLink(relinked, second.Index, second.Hash)
        );
    }

    [Fact]
    public void RefusesSkippedOrRepeatedIndex()
    {
        using var chain = TestChain.Token();
        var second = chain.ForgeTransfers("3");
        var third = chain.ForgeTransfers("4");

        Assert.Equal(
            "block 3: expected index 2",
            BlockVerifier.CheckLink(third, chain.Blocks[0].Index, chain.Blocks[0].Hash)
        );
        Assert.Equal("block 2: expected index 4", BlockVerifier.CheckLink(second, third.Index, third.Hash));
    }

    [Fact]
    public void GenesisMustFollowNothingWithHashOne()
    {
        using var chain = TestChain.Token();

        Assert.Null(BlockVerifier.CheckLink(chain.Blocks[0], 0, null));
        Assert.Equal("block 2: expected index 1", BlockVerifier.CheckLink(chain.ForgeTransfers("1"), 0, null));
    }

    [Fact]
    public void RefusesWrongMerkleRootEvenWhenHashAndSignatureMatchIt()
    {
        using var chain = TestChain.Token();
        var genuine = chain.ForgeTransfers("3", "4");
        var header = genuine.Header with
        {
            MerkleRoot = BlockForger.MerkleRootOf([genuine.Transactions[1], genuine.Transactions[0]]),
        };
        var block = SignedByTheBpsc(chain, header, genuine.Transactions);

        Assert.StartsWith(
            $"block 2: merkle_root {header.MerkleRoot} does not match its transactions (computed "
                + $"{genuine.Header.MerkleRoot})",
            chain.Verifier().CheckContents(block)
        );
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(0)]
    public void RefusesTxCountMismatch(int claimed)
    {
        using var chain = TestChain.Token();
        var genuine = chain.ForgeTransfers("3", "4");
        var block = SignedByTheBpsc(chain, genuine.Header with { TxCount = claimed }, genuine.Transactions);

        Assert.Equal($"block 2: tx_count {claimed} but 2 transactions", chain.Verifier().CheckContents(block));
    }

    [Fact]
    public void RefusesBlockOfAnotherChain()
    {
        using var aka = TestChain.Token(id: "aka");
        using var other = TestChain.Token(id: "other");

        Assert.Equal(
            "block 1: belongs to chain 'other', not 'aka'",
            new BlockVerifier(aka.Settings, other.Key.PublicKey).CheckContents(other.Blocks[0])
        );
    }

    [Fact]
    public void RefusesDuplicateIdInOneBlock()
    {
        using var chain = TestChain.Token();
        var entry = chain.Transfer("3");
        var block = chain.Forge(entry, entry);

        Assert.Equal("block 2, transaction 1: duplicate id in block", chain.Verifier().CheckContents(block));
    }

    [Fact]
    public void RefusesRecordOnTokenChainAndTransferOnDataChain()
    {
        using var token = TestChain.Token();
        using var data = TestChain.Data();

        var record = token.Forge(token.Record("{\"x\":1}"));
        var transfer = data.Forge(token.Transfer("3"));

        Assert.Equal(
            "block 2, transaction 0: entry type 'record' does not belong on a token chain in this mode",
            token.Verifier().CheckContents(record)
        );
        Assert.Equal(
            "block 2, transaction 0: entry type 'transfer' does not belong on a data chain in this mode",
            data.Verifier().CheckContents(transfer)
        );
    }

    [Fact]
    public void RefusesUnexpectedFieldInAnEntry()
    {
        using var chain = TestChain.Token();
        var entry = JsonNode.Parse(chain.Transfer("3"))!.AsObject();
        entry["note"] = "sneaked in";

        Assert.Equal(
            "block 2, transaction 0: unexpected field 'note'",
            chain.Verifier().CheckContents(chain.Forge(CanonicalJson.ToText(entry)))
        );
    }

    private static Block SignedByTheBpsc(TestChain chain, BlockHeader header, IReadOnlyList<string> transactions) =>
        new()
        {
            Header = header,
            Hash = Sha256Hex.Of(header.CanonicalBytes()),
            Signature = Base64Url.Encode(chain.Key.Sign(header.CanonicalBytes())),
            Transactions = transactions,
        };
}
