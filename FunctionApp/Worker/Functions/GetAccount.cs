using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /chains/{chain}/accounts/{address}</c>: a ledger account's balance, reservation and next nonce.
/// </summary>
public sealed class GetAccount(AccountsApi api)
{
    [Function(nameof(GetAccount))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/accounts/{address}")]
            HttpRequest request,
        string chain,
        string address,
        CancellationToken cancellationToken
    ) => api.GetAsync(chain, address, cancellationToken);
}
