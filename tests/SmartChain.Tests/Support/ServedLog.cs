using System.Net;
using System.Text;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;

namespace SmartChain.Tests.Support;

/// <summary>
/// What a tlog-tiles client checks of a node's log, trusting nothing it serves: the checkpoint is signed by the chain's
/// log key, its root is recomputed from the served hash tiles alone, the level-0 tiles are exactly the leaf hashes of
/// the verified blocks' entries, and inclusion proofs built from tiles verify against the signed root.
/// </summary>
public static class ServedLog
{
    /// <summary>Answers the served checkpoint note and every tile read, by path.</summary>
    public static async Task<(
        Checkpoint Checkpoint,
        string Note,
        IReadOnlyDictionary<string, byte[]> Tiles
    )> AssertProvableAsync(HttpClient http, string chain, ChainAudit audit)
    {
        var info = await http.GetJsonAsync($"/chains/{chain}");
        var key = NoteVerifierKey.TryParse(info.GetProperty("log_verifier_key").GetString())!;
        var note = await http.GetStringAsync($"/chains/{chain}/checkpoint");
        var signed = SignedNote.TryParse(note);
        Assert.True(signed is not null && signed.Verify([key]).Check == NoteCheck.Verified, $"not signed: {note}");
        var checkpoint = Checkpoint.TryParse(signed!.Text)!;

        var leaves = audit
            .Blocks.SelectMany(b => b.Transactions)
            .Select(e => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(e)))
            .ToList();
        Assert.True(checkpoint.Size == leaves.Count, $"checkpoint size {checkpoint.Size}, {leaves.Count} entries");
        Assert.Equal(MerkleTree.RootFromLeafHashes(leaves), checkpoint.RootHash);

        var tiles = new Dictionary<string, byte[]>();
        async Task<byte[]> TileAsync(int level, long index)
        {
            var path = TileId.At(level, index, checkpoint.Size).Path;
            if (!tiles.TryGetValue(path, out var data))
            {
                using var response = await http.GetAsync($"/chains/{chain}/{path}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {response.StatusCode}");
                tiles[path] = data = await response.Content.ReadAsByteArrayAsync();
            }

            return data;
        }

        // Every node a proof can need comes from tiles: fetch those of the root, then hash with no other input.
        async Task<byte[]> NodeAsync(TreeNode node)
        {
            var (level, index, _, _) = TileHashes.Locate(node);
            return TileHashes.Node(node, await TileAsync(level, index));
        }

        async Task<byte[]> RangeAsync(LeafRange range)
        {
            var hashes = new Dictionary<TreeNode, byte[]>();
            foreach (var node in range.Subtrees())
            {
                hashes[node] = await NodeAsync(node);
            }

            return range.Hash(node => hashes[node]);
        }

        Assert.Equal(checkpoint.RootHash, await RangeAsync(new LeafRange(0, checkpoint.Size)));
        for (long index = 0; index * TileId.FullWidth < checkpoint.Size; index++)
        {
            var level0 = await TileAsync(0, index);
            var expected = leaves.Skip((int)(index * TileId.FullWidth)).Take(TileId.FullWidth).SelectMany(h => h);
            Assert.Equal(expected, level0);
        }

        var sample = new[] { 0, checkpoint.Size / 3, checkpoint.Size - 1 }.Where(i => i >= 0 && checkpoint.Size > 0);
        foreach (var leaf in sample.Distinct())
        {
            var path = new List<byte[]>();
            foreach (var range in ProofPlan.Inclusion(leaf, checkpoint.Size))
            {
                path.Add(await RangeAsync(range));
            }

            var proof = new InclusionProof(leaf, checkpoint.Size, path);
            Assert.True(
                MerkleTree.VerifyInclusion(leaves[(int)leaf], proof, checkpoint.RootHash),
                $"the tiles' inclusion proof of leaf {leaf} in {checkpoint.Size} does not verify"
            );
        }

        return (checkpoint, note, tiles);
    }
}
