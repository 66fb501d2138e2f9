using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Cli.Http;
using SmartChain.Cli.Ledger;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Cli;

/// <summary>The CLI's local check of a receipt against blocks built here, honest and not.</summary>
public sealed class InclusionCheckTests : IDisposable
{
    private const string Chain = "gold";
    private readonly SigningKey _bpsc = SigningKey.Generate();
    private readonly SigningKey _wallet = SigningKey.Generate();

    [Fact]
    public void ReceiptOfHonestBlockVerifies()
    {
        var (request, block, receipt) = Forge(position: 2, size: 5);

        Assert.Null(InclusionCheck.Check(request, receipt, block, Chain, _bpsc.PublicKey.Base64Url));
    }

    [Fact]
    public void BlockSignedByAnotherKeyIsRefused()
    {
        var (request, block, receipt) = Forge(position: 0, size: 3);
        using var other = SigningKey.Generate();

        Assert.Equal(
            "block 7: signature is not valid for the chain's BPSC key",
            InclusionCheck.Check(request, receipt, block, Chain, other.PublicKey.Base64Url)
        );
    }

    [Fact]
    public void AlteredAuditPathIsRefused()
    {
        var (request, block, receipt) = Forge(position: 3, size: 6);
        var path = receipt.Proof!.AuditPath.ToArray();
        path[0] = Hex.Encode(MerkleTree.LeafHash("something else"u8));

        var failure = InclusionCheck.Check(
            request,
            receipt with
            {
                Proof = receipt.Proof with { AuditPath = path },
            },
            block,
            Chain,
            _bpsc.PublicKey.Base64Url
        );

        Assert.StartsWith(
            "the audit path does not lead from the entry at position 3 to merkle_root ",
            failure,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ProofOfAnotherPositionIsRefused()
    {
        var (request, block, receipt) = Forge(position: 1, size: 4);
        var leaves = BlockForger.LeafHashes(BlockJson.TryRead(block, out _)!.Transactions);
        var other = MerkleTree.Prove(leaves, 2);

        // A valid proof for the entry at position 2, which is not ours.
        var failure = InclusionCheck.Check(
            request,
            receipt with
            {
                Position = 2,
                Proof = receipt.Proof! with
                {
                    LeafIndex = 2,
                    AuditPath = other.AuditPath.Select(h => Hex.Encode(h)).ToArray(),
                },
            },
            block,
            Chain,
            _bpsc.PublicKey.Base64Url
        );

        Assert.StartsWith($"block 7, position 2: the entry is ", failure, StringComparison.Ordinal);
        Assert.EndsWith($", not {request.Id}", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EntryWithOurIdButAnotherPayloadIsRefused()
    {
        var request = LedgerRequest.Sign(_wallet, Chain, "00112233445566778899aabbccddeeff00112233", "12.5", 0);
        var lie = (JsonObject)request.Payload.DeepClone();
        lie["amount"] = "1250";
        var (_, block, receipt) = Forge(
            position: 0,
            size: 1,
            entryFor: _ => new JsonObject
            {
                ["id"] = request.Id,
                ["type"] = "transfer",
                ["payload"] = lie,
            }
        );

        Assert.Equal(
            "block 7, position 0: the entry's payload differs from the one signed",
            InclusionCheck.Check(request, receipt, block, Chain, _bpsc.PublicKey.Base64Url)
        );
    }

    [Fact]
    public void ReceiptNamingAnotherBlockHashIsRefused()
    {
        var (request, block, receipt) = Forge(position: 0, size: 2);

        var failure = InclusionCheck.Check(
            request,
            receipt with
            {
                Proof = receipt.Proof! with { BlockHash = new string('0', 64) },
            },
            block,
            Chain,
            _bpsc.PublicKey.Base64Url
        );

        Assert.StartsWith($"the proof names block {new string('0', 64)}", failure, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _bpsc.Dispose();
        _wallet.Dispose();
    }

    // Block 7 of `size` entries with our request at `position`, forged and signed by _bpsc, and the node's honest
    // receipt.
    private (LedgerRequest Request, JsonElement Block, ReceiptInfo Receipt) Forge(
        int position,
        int size,
        Func<LedgerRequest, JsonObject>? entryFor = null
    )
    {
        var request = LedgerRequest.Sign(_wallet, Chain, "00112233445566778899aabbccddeeff00112233", "12.5", 0);
        var entries = new List<string>();
        for (var i = 0; i < size; i++)
        {
            var entry =
                i == position
                    ? entryFor?.Invoke(request)
                        ?? new JsonObject
                        {
                            ["id"] = request.Id,
                            ["type"] = "transfer",
                            ["payload"] = request.Payload.DeepClone(),
                        }
                    : new JsonObject { ["id"] = $"other-{i}", ["type"] = "transfer" };
            entries.Add(CanonicalJson.ToText(entry));
        }

        var block = BlockForger.Forge(Chain, 7, new string('a', 64), 1_700_000_000_000, entries, _bpsc);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BlockJson.Write(writer, block);
        }

        var proof = MerkleTree.Prove(BlockForger.LeafHashes(entries), position);
        var receipt = new ReceiptInfo
        {
            Id = request.Id,
            Status = ReceiptInfo.Included,
            BlockIndex = 7,
            Position = position,
            Proof = new ProofInfo
            {
                LeafIndex = proof.LeafIndex,
                TreeSize = proof.TreeSize,
                AuditPath = proof.AuditPath.Select(h => Hex.Encode(h)).ToArray(),
                MerkleRoot = block.Header.MerkleRoot,
                BlockHash = block.Hash,
            },
        };
        return (request, JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone(), receipt);
    }
}
