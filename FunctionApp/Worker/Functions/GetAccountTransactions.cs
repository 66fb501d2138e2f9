using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /chains/{chain}/accounts/{address}/transactions?cursor=</c>: a ledger account's history, newest first, paged.
/// </summary>
public sealed class GetAccountTransactions(AccountHistoryApi api)
{
    [Function(nameof(GetAccountTransactions))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/accounts/{address}/transactions")]
            HttpRequest request,
        string chain,
        string address,
        CancellationToken cancellationToken
    ) => api.PageAsync(chain, address, request, cancellationToken);
}
