using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}/blocks?from=&amp;limit=</c>: a page of blocks.</summary>
public sealed class ListBlocks(BlocksApi api)
{
    [Function(nameof(ListBlocks))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/blocks")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.PageAsync(chain, request, cancellationToken);
}
