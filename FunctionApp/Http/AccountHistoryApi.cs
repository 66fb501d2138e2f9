using System.Text.Json.Nodes;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>GET /chains/{chain}/accounts/{address}/transactions?cursor=</c> on ledger chains: the account's entries in
/// forged blocks, newest first, each with its status, block and position, a page at a time by an opaque cursor.
/// Reads one page of the account's history rows, never the chain.
/// </summary>
public sealed class AccountHistoryApi(ChainRegistry registry, AccountHistory history, NodeClient client)
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes
            .MapGet(
                "/chains/{chain}/accounts/{address}/transactions",
                (AccountHistoryApi api, string chain, string address, HttpRequest request, CancellationToken ct) =>
                    api.PageAsync(chain, address, request, ct)
            )
            .WithName("GetAccountTransactions")
            .Produces<JsonObject>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public async Task<IResult> PageAsync(
        string chain,
        string address,
        HttpRequest request,
        CancellationToken cancellationToken
    )
    {
        var (record, owner, problem) = await AccountRoute.ResolveAsync(registry, chain, address, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var unknown = request.Query.Keys.FirstOrDefault(k => k != "cursor");
        if (unknown is not null)
        {
            return Problems.BadRequest($"unknown query parameter '{unknown}'; expected cursor");
        }

        string? cursor = null;
        if (request.Query.TryGetValue("cursor", out var cursors))
        {
            cursor = cursors.Count == 1 ? AccountHistory.DecodeCursor(cursors[0]!) : null;
            if (cursor is null)
            {
                return Problems.BadRequest("cursor must be the 'next' value of a previous page, given once");
            }
        }

        if (!record!.IsLocal)
        {
            // A replica stores verified blocks but writes no history rows: the BPSC answers, as for the account itself.
            var path = $"chains/{chain}/accounts/{address}/transactions{request.QueryString}";
            return await AccountRoute.RelayToBpscAsync(client, record, path, cancellationToken);
        }

        var page = await history.ReadAsync(record.Id, owner, cursor, cancellationToken);
        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            var json = new JsonObject
            {
                ["id"] = item.Id.Value,
                ["type"] = item.Type,
                ["status"] = item.Status,
                ["block_index"] = item.BlockIndex,
                ["position"] = item.Position,
            };
            foreach (var (name, value) in item.Fields)
            {
                json[name] = value;
            }

            items.Add(json);
        }

        return TypedResults.Ok(new JsonObject { ["transactions"] = items, ["next"] = page.Next });
    }
}
