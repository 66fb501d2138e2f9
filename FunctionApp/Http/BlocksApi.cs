using System.Globalization;
using SmartChain.Domain.Blocks;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>Pages of blocks, one block, and the admin's <c>POST /chains/{chain}/forge</c>.</summary>
public sealed class BlocksApi(ChainRegistry registry, BlockStore blocks, ChainStream stream, ForgeGate gate)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>A page also ends once it holds this many transactions, so no answer is a whole large chain.</summary>
    public const int MaxPageTransactions = 20_000;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(
            "/chains/{chain}/blocks",
            (BlocksApi api, string chain, HttpRequest request, CancellationToken ct) =>
                api.PageAsync(chain, request, ct)
        );
        routes.MapGet(
            "/chains/{chain}/blocks/{index}",
            (BlocksApi api, string chain, string index, CancellationToken ct) => api.GetAsync(chain, index, ct)
        );
        routes
            .MapPost(
                "/chains/{chain}/forge",
                (BlocksApi api, string chain, CancellationToken ct) => api.ForgeAsync(chain, ct)
            )
            .RequireAdminKey();
    }

    public Task<IResult> PageAsync(string chain, HttpRequest request, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ReadPageAsync(chain, request, cancellationToken), cancellationToken);

    private async Task<IResult> ReadPageAsync(string chain, HttpRequest request, CancellationToken cancellationToken)
    {
        if (await registry.FindByRouteAsync(chain, cancellationToken) is not { } record)
        {
            return Problems.UnknownChain(chain);
        }

        var unknown = request.Query.Keys.FirstOrDefault(k => k is not ("from" or "limit"));
        if (unknown is not null)
        {
            return Problems.BadRequest($"unknown query parameter '{unknown}'; expected from and limit");
        }

        var from = ReadQuery(request, "from", 1);
        var limit = ReadQuery(request, "limit", DefaultLimit);
        if (from is null or < 1)
        {
            return Problems.BadRequest("from must be an integer ≥ 1");
        }

        if (limit is null or < 1 or > MaxLimit)
        {
            return Problems.BadRequest($"limit must be an integer between 1 and {MaxLimit}");
        }

        var head = await blocks.ReadHeadAsync(record.Id, cancellationToken);
        var height = head.Height;

        // Blocks never change, so a page depends only on the head: its ETag names the head, and a client polling for
        // new blocks (the explorer, where responses cannot stream) gets 304 until the head moves.
        var etag = $"\"{height}-{head.Hash}\"";
        request.HttpContext.Response.Headers.ETag = etag;
        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        if (request.Headers.IfNoneMatch.Contains(etag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var to = from.Value > height ? height : Math.Min(height, from.Value - 1 + limit.Value);
        return new StreamedJson(
            200,
            async (writer, ct) =>
            {
                writer.WriteStartObject();
                writer.WritePropertyName("blocks");
                var last = await stream.WriteBlocksAsync(writer, record.Id, from.Value, to, MaxPageTransactions, ct);
                if (last < height)
                {
                    writer.WriteNumber("next", last + 1);
                }
                else
                {
                    writer.WriteNull("next");
                }

                writer.WriteEndObject();
            }
        );
    }

    public Task<IResult> GetAsync(string chain, string index, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ReadBlockAsync(chain, index, cancellationToken), cancellationToken);

    private async Task<IResult> ReadBlockAsync(string chain, string index, CancellationToken cancellationToken)
    {
        if (!long.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return Problems.BadRequest("a block index is an integer ≥ 1");
        }

        if (await registry.FindByRouteAsync(chain, cancellationToken) is not { } record)
        {
            return Problems.UnknownChain(chain);
        }

        var block = await blocks.ReadBlockAsync(record.Id, number, cancellationToken);
        return block is null ? Problems.NotFound($"chain '{chain}' has no block {number}") : Single(block);
    }

    public Task<IResult> ForgeAsync(string chain, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ForgeNowAsync(chain, cancellationToken), cancellationToken);

    private async Task<IResult> ForgeNowAsync(string chain, CancellationToken cancellationToken)
    {
        var record = await registry.FindByRouteAsync(chain, cancellationToken);
        if (record is null)
        {
            return Problems.UnknownChain(chain);
        }

        if (!record.IsLocal)
        {
            return Problems.Conflict($"chain '{chain}' is a replica; only its BPSC at {record.RemoteUrl} forges it");
        }

        var outcome = await gate.ForgeSoonAsync(record, allowEmpty: true, cancellationToken);
        return Single(outcome.Block!);
    }

    private static StreamedJson Single(Block block) =>
        new(
            200,
            (writer, _) =>
            {
                BlockJson.Write(writer, block);
                return Task.CompletedTask;
            }
        );

    private static long? ReadQuery(HttpRequest request, string name, long fallback)
    {
        if (!request.Query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        return
            values.Count == 1
            && long.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
