using System.Text.Json.Nodes;
using SmartChain.Domain.Crypto;
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
        routes.MapGet(
                "/chains/{chain}/accounts/{address}/transactions",
                (AccountHistoryApi api, string chain, string address, HttpRequest request, CancellationToken ct) =>
                    api.PageAsync(chain, address, request, ct))
            .WithName("GetAccountTransactions")
            .Produces<JsonObject>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    public async Task<IResult> PageAsync(
        string chain, string address, HttpRequest request, CancellationToken cancellationToken)
    {
        var record = await registry.FindAsync(chain, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"no chain '{chain}' on this node");
        }

        if (!record.Settings.IsLedger)
        {
            return Problems.NotFound($"chain '{chain}' is not a ledger chain: it keeps no accounts");
        }

        if (Address.TryParse(address) is null)
        {
            return Problems.BadRequest("an address is 40 lowercase hex characters");
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

        if (!record.IsLocal)
        {
            // A replica stores verified blocks but writes no history rows: the BPSC answers, as for the account itself.
            try
            {
                var path = $"chains/{chain}/accounts/{address}/transactions{request.QueryString}";
                var answer = await client.RelayAsync(HttpMethod.Get, record.RemoteUrl!, path, null, cancellationToken);
                return Relayed.From(answer);
            }
            catch (HttpRequestException e)
            {
                return Problems.BadGateway($"could not ask the BPSC at {record.RemoteUrl}: {e.Message}");
            }
        }

        var page = await history.ReadAsync(chain, address, cursor, cancellationToken);
        var items = new JsonArray();
        foreach (var item in page.Items)
        {
            var json = new JsonObject
            {
                ["id"] = item.Id,
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
