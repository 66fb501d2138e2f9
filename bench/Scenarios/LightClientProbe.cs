using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Issue 13's light-client figure, measured on the verify scenario's chain: what a client that trusts only the log
/// key (and its witnesses) downloads to verify one entry — the checkpoint and a JSON inclusion proof, or the
/// checkpoint and the hash tiles the proof is computed from, plus the entry bundle that holds the entry — beside the
/// bytes of the whole chain (<c>GET /chain</c>). Response bodies only (no HTTP headers); every proof is checked.
/// </summary>
public static class LightClientProbe
{
    public static async Task<JsonObject> MeasureAsync(
        BenchContext context,
        NodeProcess bpsc,
        string chain,
        CancellationToken cancellationToken
    )
    {
        var counter = new Counter(bpsc.Http, cancellationToken);
        var info = JsonDocument.Parse(await counter.GetAsync($"chains/{chain}")).RootElement;
        var key =
            NoteVerifierKey.TryParse(info.GetProperty("log_verifier_key").GetString())
            ?? throw new InvalidDataException("the chain has no log_verifier_key");
        var keyCost = counter.Take();

        var note = System.Text.Encoding.UTF8.GetString(await counter.GetAsync($"chains/{chain}/checkpoint"));
        var signed = SignedNote.TryParse(note);
        var checkpoint =
            signed is not null && signed.Verify([key]).Check == NoteCheck.Verified
                ? Checkpoint.TryParse(signed.Text)!
                : throw new InvalidDataException("the checkpoint is not signed by the log key");
        var checkpointCost = counter.Take();
        var size = checkpoint.Size;
        var index = (size / 2) + 7;

        // The entry itself, from its bundle (a client holding its own entry skips this).
        var bundleTile = TileId.At(TileId.EntriesLevel, index / TileId.FullWidth, size);
        var bundle =
            EntryBundle.TryDecode(await counter.GetAsync($"chains/{chain}/{bundleTile.Path}"))
            ?? throw new InvalidDataException("the entry bundle does not decode");
        var leaf = MerkleTree.LeafHash(bundle[(int)(index % TileId.FullWidth)]);
        var bundleCost = counter.Take();

        var proofPath = string.Create(
            CultureInfo.InvariantCulture,
            $"chains/{chain}/proof/inclusion?index={index}&size={size}"
        );
        var proofJson = JsonDocument.Parse(await counter.GetAsync(proofPath)).RootElement;
        var jsonPath = proofJson
            .GetProperty("hashes")
            .EnumerateArray()
            .Select(h => Convert.FromBase64String(h.GetString()!))
            .ToList();
        Check(leaf, index, size, jsonPath, checkpoint.RootHash, "JSON");
        var jsonCost = counter.Take();

        var tiles = new Dictionary<TileId, byte[]>();
        var tilePath = new List<byte[]>();
        foreach (var range in ProofPlan.Inclusion(index, size))
        {
            var nodes = new Dictionary<TreeNode, byte[]>();
            foreach (var node in range.Subtrees())
            {
                var (level, tileIndex, _, _) = TileHashes.Locate(node);
                var tile = TileId.At(level, tileIndex, size);
                if (!tiles.TryGetValue(tile, out var data))
                {
                    tiles[tile] = data = await counter.GetAsync($"chains/{chain}/{tile.Path}");
                }

                nodes[node] = TileHashes.Node(node, data);
            }

            tilePath.Add(range.Hash(n => nodes[n]));
        }

        Check(leaf, index, size, tilePath, checkpoint.RootHash, "tiles");
        var tilesCost = counter.Take();

        var chainCost = await counter.StreamAsync("chain");
        var json = new JsonObject
        {
            ["log_size"] = size,
            ["leaf_index"] = index,
            ["chain_info"] = keyCost.ToJson(),
            ["checkpoint"] = checkpointCost.ToJson(),
            ["json_proof"] = jsonCost.ToJson(),
            ["hash_tiles"] = tilesCost.ToJson(),
            ["hash_tile_paths"] = new JsonArray(tiles.Keys.Select(t => (JsonNode)t.Path).ToArray()),
            ["entry_bundle"] = bundleCost.ToJson(),
            ["whole_chain"] = chainCost.ToJson(),
        };
        var viaJson = checkpointCost + jsonCost;
        var viaTiles = checkpointCost + tilesCost;
        const string Scenario = "chain";
        context.Report.Add(
            Scenario,
            $"light client, 1 receipt in {size:N0}: checkpoint + JSON proof",
            viaJson.Text,
            $"entry held by the client; + entry bundle {bundleCost.Text}; chain info for the log key {keyCost.Text}"
        );
        context.Report.Add(
            Scenario,
            $"light client, 1 receipt in {size:N0}: checkpoint + hash tiles",
            viaTiles.Text,
            $"{tiles.Count} tiles ({string.Join(", ", tiles.Keys.Select(t => t.Path))}); "
                + $"+ entry bundle {bundleCost.Text}"
        );
        context.Report.Add(
            Scenario,
            $"whole chain, {size:N0} entries (GET /chain)",
            chainCost.Text,
            $"{chainCost.Bytes / (double)Math.Max(1, viaJson.Bytes):N0}× the JSON way, "
                + $"{chainCost.Bytes / (double)Math.Max(1, (viaTiles + bundleCost).Bytes):N0}× tiles + bundle"
        );
        context.Report.Figure("light_client.json_bytes", viaJson.Bytes);
        context.Report.Figure("light_client.tiles_bytes", viaTiles.Bytes);
        context.Report.Figure("light_client.chain_bytes", chainCost.Bytes);
        return json;
    }

    private static void Check(byte[] leaf, long index, long size, List<byte[]> path, byte[] root, string way)
    {
        if (!MerkleTree.VerifyInclusion(leaf, new InclusionProof(index, size, path), root))
        {
            throw new InvalidDataException($"the inclusion proof via {way} does not verify against the checkpoint");
        }
    }

    private readonly record struct Cost(int Requests, long Bytes)
    {
        public string Text => $"{Requests} request{(Requests == 1 ? "" : "s")}, {Bytes:N0} B";

        public static Cost operator +(Cost a, Cost b) => new(a.Requests + b.Requests, a.Bytes + b.Bytes);

        public JsonObject ToJson() => new() { ["requests"] = Requests, ["bytes"] = Bytes };
    }

    /// <summary>Counts requests and response body bytes since the last <see cref="Take"/>.</summary>
    private sealed class Counter(HttpClient http, CancellationToken cancellationToken)
    {
        private Cost _cost;

        public async Task<byte[]> GetAsync(string path)
        {
            var body = await http.GetByteArrayAsync(path, cancellationToken);
            _cost += new Cost(1, body.Length);
            return body;
        }

        public async Task<Cost> StreamAsync(string path) =>
            new(1, await BenchHttp.DrainAsync(http, path, cancellationToken));

        public Cost Take()
        {
            var cost = _cost;
            _cost = default;
            return cost;
        }
    }
}
