using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}/blocks/{index}</c>: one block.</summary>
public sealed class GetBlock(BlocksApi api)
{
    [Function(nameof(GetBlock))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/blocks/{index}")] HttpRequest request,
        string chain,
        string index,
        CancellationToken cancellationToken
    ) => api.GetAsync(chain, index, cancellationToken);
}
