using System.Text.Json.Nodes;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>GET /chains/{chain}/accounts/{address}</c> on ledger chains: balance as of the last block, reserved by pending
/// transfers, next nonce.
/// </summary>
public sealed class AccountsApi(ChainRegistry registry, AccountStore accounts, NodeClient client)
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet(
            "/chains/{chain}/accounts/{address}",
            (AccountsApi api, string chain, string address, CancellationToken ct) => api.GetAsync(chain, address, ct)
        );

    public Task<IResult> GetAsync(string chain, string address, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ReadAccountAsync(chain, address, cancellationToken), cancellationToken);

    private async Task<IResult> ReadAccountAsync(string chain, string address, CancellationToken cancellationToken)
    {
        var (record, owner, problem) = await AccountRoute.ResolveAsync(registry, chain, address, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!record!.IsLocal)
        {
            var path = $"chains/{chain}/accounts/{address}";
            return await AccountRoute.RelayToBpscAsync(client, record, path, cancellationToken);
        }

        var account = await accounts.ReadAsync(record.Id, owner, cancellationToken);
        return TypedResults.Ok(
            new JsonObject
            {
                ["address"] = address,
                ["balance"] = account.Balance.ToString(),
                ["reserved"] = account.Reserved.ToString(),
                ["next_nonce"] = account.NextNonce,
            }
        );
    }
}
