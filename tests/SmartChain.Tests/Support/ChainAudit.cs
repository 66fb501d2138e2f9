using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.Domain.Verification;

namespace SmartChain.Tests.Support;

/// <summary>
/// What an outside auditor does with a node: read <c>GET /chains/{chain}</c> for the settings and the BPSC key,
/// download every block through <c>/chains/{chain}/blocks</c> pages, and verify each one with the Domain's
/// <see cref="BlockVerifier"/> (links, hashes, signatures, Merkle roots, entry rules). Nothing the node says is
/// trusted.
/// </summary>
public sealed record ChainAudit(long Height, IReadOnlyList<Block> Blocks)
{
    /// <summary>
    /// Every transaction id in the chain, in chain order (duplicates kept, so callers can count them).
    /// </summary>
    public IReadOnlyList<string> TransactionIds =>
        Blocks.SelectMany(b => b.Transactions).Select(t => JsonNode.Parse(t)!["id"]!.GetValue<string>()).ToList();

    public static async Task<ChainAudit> DownloadAndVerifyAsync(HttpClient http, string chain, int pageLimit = 100)
    {
        var info = await http.GetJsonAsync($"/chains/{chain}");
        using var key =
            PublicKey.TryParse(info.GetProperty("bpsc_public_key").GetString())
            ?? throw new InvalidDataException("bpsc_public_key is not a P-256 SPKI");
        var verifier = new BlockVerifier(SettingsOf(info), key);

        var blocks = new List<Block>();
        long? from = 1;
        while (from is { } next)
        {
            var page = await http.GetJsonAsync($"/chains/{chain}/blocks?from={next}&limit={pageLimit}");
            foreach (var element in page.GetProperty("blocks").EnumerateArray())
            {
                var block = BlockJson.TryRead(element, out var error);
                Assert.True(block is not null, $"block after {blocks.Count} is malformed: {error}");
                var previous = blocks.LastOrDefault();
                var problem =
                    BlockVerifier.CheckLink(block!, previous?.Index ?? 0, previous?.Hash)
                    ?? verifier.CheckContents(block!);
                Assert.True(problem is null, problem);
                blocks.Add(block!);
            }

            from =
                page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        return new ChainAudit(blocks.Count, blocks);
    }

    /// <summary>
    /// Checks the node's receipts of <paramref name="ids"/> against the verified chain: each is "included" in the
    /// block and at the position where the chain holds it, and its inclusion proof leads to that block's Merkle root.
    /// </summary>
    public async Task AssertReceiptsAsync(HttpClient http, string chain, IEnumerable<string> ids)
    {
        var where = new Dictionary<string, (Block Block, int Position)>();
        foreach (var block in Blocks)
        {
            for (var i = 0; i < block.Transactions.Count; i++)
            {
                where[JsonNode.Parse(block.Transactions[i])!["id"]!.GetValue<string>()] = (block, i);
            }
        }

        foreach (var id in ids)
        {
            var (block, position) = where[id];
            var receipt = await http.GetJsonAsync($"/chains/{chain}/transactions/{id}");
            Assert.Equal("included", receipt.GetProperty("status").GetString());
            Assert.Equal(block.Index, receipt.GetProperty("block_index").GetInt64());
            Assert.Equal(position, receipt.GetProperty("position").GetInt32());
            var proof = receipt.GetProperty("proof");
            var inclusion = new InclusionProof(
                proof.GetProperty("leaf_index").GetInt64(),
                proof.GetProperty("tree_size").GetInt64(),
                proof.GetProperty("audit_path").EnumerateArray().Select(h => Hex.Decode(h.GetString()!)).ToList()
            );
            var leaf = MerkleTree.LeafHash(System.Text.Encoding.UTF8.GetBytes(block.Transactions[position]));
            Assert.True(
                MerkleTree.VerifyInclusion(leaf, inclusion, Hex.Decode(block.Header.MerkleRoot)),
                $"the proof of {id} does not lead to block {block.Index}'s root"
            );
        }
    }

    /// <summary>
    /// The chain's settings from its info, as a replica reads them: the info minus the fields that only describe the
    /// node's copy.
    /// </summary>
    public static ChainSettings SettingsOf(JsonElement info)
    {
        return ChainInfoFields.TryReadSettings(info, out var error)
            ?? throw new InvalidDataException($"chain info has invalid settings: {error}");
    }
}
