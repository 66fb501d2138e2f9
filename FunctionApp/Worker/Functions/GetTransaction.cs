using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}/transactions/{id}</c>: status, block, position and Merkle inclusion proof.</summary>
public sealed class GetTransaction(TransactionsApi api)
{
    [Function(nameof(GetTransaction))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/transactions/{id}")]
            HttpRequest request,
        string chain,
        string id,
        CancellationToken cancellationToken
    ) => api.GetAsync(chain, id, cancellationToken);
}
