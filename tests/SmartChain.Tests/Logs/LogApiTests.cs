using System.Net;
using System.Text;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Logs;

/// <summary>
/// A chain as a C2SP log through HTTP: checkpoint, tiles, entry bundles, JSON proofs, receipts' log_index.
/// </summary>
public sealed class LogApiTests
{
    [Fact]
    public async Task ChainIsALogWhoseCheckpointTilesAndProofsAgreeWithItsBlocks()
    {
        await using var node = new NodeApp(
            settings: new Dictionary<string, string?> { ["SMARTCHAIN_LOG_ORIGIN"] = "log.example/dep1" }
        );
        var http = node.CreateClient();
        var info = await http.GetJsonAsync("/chains/data");
        Assert.Equal("log.example/dep1/data", info.GetProperty("log_origin").GetString());
        var vkey = NoteVerifierKey.TryParse(info.GetProperty("log_verifier_key").GetString())!;
        Assert.Equal("log.example/dep1/data", vkey.Name);

        var ids = new List<string>();
        var first = await CheckpointAsync(http, vkey);
        Assert.Equal(0, first.Size); // the data chain's genesis has no entries
        foreach (var count in new[] { 100, 200 })
        {
            for (var i = 0; i < count; i++)
            {
                using var posted = await http.PostJsonAsync(
                    "/information/new",
                    new { information = $"record {ids.Count}" }
                );
                ids.Add((await posted.JsonAsync()).GetProperty("id").GetString()!);
            }

            await http.GetJsonAsync("/mine");
        }

        var checkpoint = await CheckpointAsync(http, vkey);
        Assert.Equal(300, checkpoint.Size);

        // The log's leaves are the entries of the blocks, in order: the root is recomputed from the blocks served.
        var chain2 = await http.GetJsonAsync("/chain2");
        var entries = chain2
            .GetProperty("chain2")
            .EnumerateArray()
            .SelectMany(b => b.GetProperty("transactions").EnumerateArray().Select(t => t.GetRawText()))
            .ToList();
        var leaves = entries.Select(e => MerkleTree.LeafHash(Encoding.UTF8.GetBytes(e))).ToList();
        Assert.Equal(MerkleTree.RootFromLeafHashes(leaves), checkpoint.RootHash);

        using var full = await http.GetAsync("/chains/data/tile/0/000");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(
            "public, max-age=31536000, immutable",
            full.Headers.CacheControl!.ToString()
                .Replace(" ", "", StringComparison.Ordinal)
                .Replace(",", ", ", StringComparison.Ordinal)
        );
        Assert.Equal(leaves.Take(256).SelectMany(h => h), await full.Content.ReadAsByteArrayAsync());
        Assert.Equal(leaves.Skip(256).SelectMany(h => h), await http.GetByteArrayAsync("/chains/data/tile/0/001.p/44"));
        Assert.Equal(
            MerkleTree.RootFromLeafHashes(leaves.Take(256).ToList()),
            await http.GetByteArrayAsync("/chains/data/tile/1/000.p/1")
        );
        var bundle = EntryBundle.TryDecode(await http.GetByteArrayAsync("/chains/data/tile/entries/001.p/44"))!;
        Assert.Equal(entries.Skip(256).Select(Encoding.UTF8.GetBytes), bundle);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chains/data/tile/0/001.p/45")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chains/data/tile/0/001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chains/data/tile/0/1")).StatusCode);

        // JSON proofs, checked against the signed roots only.
        var receipt = await http.GetJsonAsync($"/chains/data/transactions/{ids[150]}");
        var logIndex = receipt.GetProperty("log_index").GetInt64();
        Assert.Equal(150, logIndex);
        var inclusion = await ProofAsync(http, $"/chains/data/proof/inclusion?index={logIndex}&size=300");
        Assert.True(
            MerkleTree.VerifyInclusion(leaves[150], new InclusionProof(150, 300, inclusion), checkpoint.RootHash)
        );
        var consistency = await ProofAsync(http, "/chains/data/proof/consistency?from=100&to=300");
        Assert.True(
            MerkleTree.VerifyConsistency(
                new ConsistencyProof(100, 300, consistency),
                MerkleTree.RootFromLeafHashes(leaves.Take(100).ToList()),
                checkpoint.RootHash
            )
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await http.GetAsync("/chains/data/proof/inclusion?index=300&size=300")).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            (await http.GetAsync("/chains/data/proof/consistency?from=1&to=301")).StatusCode
        );
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/chains/nope/checkpoint")).StatusCode);
    }

    internal static async Task<Checkpoint> CheckpointAsync(HttpClient http, NoteVerifierKey vkey, string chain = "data")
    {
        using var response = await http.GetAsync($"/chains/{chain}/checkpoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var note = SignedNote.TryParse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(NoteCheck.Verified, note.Verify([vkey]).Check);
        Assert.Equal(vkey.Name, note.Signatures[0].Name); // the log's own signature line comes first
        return Checkpoint.TryParse(note.Text)!;
    }

    private static async Task<List<byte[]>> ProofAsync(HttpClient http, string path) =>
        (await http.GetJsonAsync(path))
            .GetProperty("hashes")
            .EnumerateArray()
            .Select(h => Convert.FromBase64String(h.GetString()!))
            .ToList();
}
