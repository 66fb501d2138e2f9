using System.Globalization;
using System.Text.Json.Nodes;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Logs;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// A chain's transparency log (SPEC §12): <c>GET /chains/{chain}/checkpoint</c>, the tiles and entry bundles of
/// C2SP tlog-tiles under <c>/chains/{chain}/tile/</c>, and RFC 6962 proofs as JSON.
/// </summary>
public sealed class LogApi(ChainRegistry registry, BlockStore blocks, CheckpointService checkpoints)
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(
            "/chains/{chain}/checkpoint",
            (LogApi api, HttpRequest request, string chain, CancellationToken ct) =>
                api.CheckpointAsync(request, chain, ct)
        );
        routes.MapGet(
            "/chains/{chain}/tile/{*path}",
            (LogApi api, HttpRequest request, string chain, string path, CancellationToken ct) =>
                api.TileAsync(request, chain, path, ct)
        );
        routes.MapGet(
            "/chains/{chain}/proof/inclusion",
            (LogApi api, HttpRequest request, string chain, CancellationToken ct) =>
                api.InclusionAsync(request, chain, ct)
        );
        routes.MapGet(
            "/chains/{chain}/proof/consistency",
            (LogApi api, HttpRequest request, string chain, CancellationToken ct) =>
                api.ConsistencyAsync(request, chain, ct)
        );
    }

    public async Task<IResult> CheckpointAsync(HttpRequest request, string chain, CancellationToken cancellationToken)
    {
        var record = await registry.FindByRouteAsync(chain, cancellationToken);
        if (record is null)
        {
            return Problems.UnknownChain(chain);
        }

        var note = await checkpoints.CurrentAsync(record, cancellationToken);
        if (note is null)
        {
            return Problems.NotFound($"chain '{chain}' has no checkpoint yet");
        }

        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(note, "text/plain; charset=utf-8");
    }

    public async Task<IResult> TileAsync(
        HttpRequest request,
        string chain,
        string path,
        CancellationToken cancellationToken
    )
    {
        if (await registry.FindByRouteAsync(chain, cancellationToken) is not { } record)
        {
            return Problems.UnknownChain(chain);
        }

        if (TileId.TryParse("tile/" + path) is not { } tile)
        {
            return Problems.NotFound($"'tile/{path}' is not a tile path");
        }

        var data = tile.IsEntries
            ? await EntryBundleAsync(record.Id, tile, cancellationToken)
            : await blocks.Tiles.ReadAsync(record.Id, tile, cancellationToken);
        if (data is null)
        {
            return Problems.NotFound($"chain '{chain}' has no {tile.Path}");
        }

        request.HttpContext.Response.Headers.CacheControl = tile.IsFull ? Immutable : "public, max-age=60";
        return TypedResults.Bytes(data, "application/octet-stream");
    }

    public async Task<IResult> InclusionAsync(HttpRequest request, string chain, CancellationToken cancellationToken)
    {
        string? index = request.Query["index"],
            size = request.Query["size"];
        if (await LoggedHeadAsync(chain, cancellationToken) is not var (id, head))
        {
            return Problems.NotFound($"no chain '{chain}' with a log on this node");
        }

        if (
            !TryLong(index, out var leaf)
            || !TryLong(size, out var treeSize)
            || leaf >= treeSize
            || treeSize > head.LogSize
        )
        {
            return Problems.BadRequest($"need 0 ≤ index < size ≤ {head.LogSize} (the log's size)");
        }

        return await HashesAsync(id, ProofPlan.Inclusion(leaf, treeSize), treeSize, cancellationToken);
    }

    public async Task<IResult> ConsistencyAsync(HttpRequest request, string chain, CancellationToken cancellationToken)
    {
        string? from = request.Query["from"],
            to = request.Query["to"];
        if (await LoggedHeadAsync(chain, cancellationToken) is not var (id, head))
        {
            return Problems.NotFound($"no chain '{chain}' with a log on this node");
        }

        if (
            !TryLong(from, out var oldSize)
            || !TryLong(to, out var newSize)
            || oldSize > newSize
            || newSize > head.LogSize
        )
        {
            return Problems.BadRequest($"need 0 ≤ from ≤ to ≤ {head.LogSize} (the log's size)");
        }

        return await HashesAsync(id, ProofPlan.Consistency(oldSize, newSize), newSize, cancellationToken);
    }

    private async Task<IResult> HashesAsync(
        ChainId chain,
        IReadOnlyList<LeafRange> ranges,
        long size,
        CancellationToken cancellationToken
    )
    {
        var hashes = await blocks.Tiles.HashesAsync(chain, ranges, size, cancellationToken);
        return TypedResults.Ok(
            new JsonObject
            {
                ["hashes"] = new JsonArray(
                    hashes.Select(h => (JsonNode)JsonValue.Create(Convert.ToBase64String(h))).ToArray()
                ),
            }
        );
    }

    /// <summary>The chain the route names and its head, when it has a log; null otherwise.</summary>
    private async Task<(ChainId Chain, ChainHead Head)?> LoggedHeadAsync(
        string chain,
        CancellationToken cancellationToken
    )
    {
        if (await registry.FindByRouteAsync(chain, cancellationToken) is not { } record)
        {
            return null;
        }

        var head = await blocks.ReadHeadAsync(record.Id, cancellationToken);
        return head.LogSize is null ? null : (record.Id, head);
    }

    /// <summary>Entries [256·N, 256·N + W) read from the blocks holding them; null past the log's size.</summary>
    private async Task<byte[]?> EntryBundleAsync(ChainId chain, TileId tile, CancellationToken cancellationToken)
    {
        var head = await blocks.ReadHeadAsync(chain, cancellationToken);
        var first = tile.Index * TileId.FullWidth;
        if (head.LogSize is not { } size || first + tile.Width > size)
        {
            return null;
        }

        if (await blocks.Tiles.BlockOfLeafAsync(chain, first, cancellationToken) is not { } found)
        {
            return null;
        }

        var entries = new List<byte[]>(tile.Width);
        var position = found.Start;
        await foreach (var block in blocks.ReadBlocksAsync(chain, found.Block, head.Height, cancellationToken))
        {
            foreach (var entry in block.Transactions)
            {
                if (position >= first && entries.Count < tile.Width)
                {
                    entries.Add(System.Text.Encoding.UTF8.GetBytes(entry));
                }

                position++;
            }

            if (entries.Count == tile.Width)
            {
                break;
            }
        }

        return entries.Count == tile.Width ? EntryBundle.Encode(entries) : null;
    }

    private static bool TryLong(string? text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
