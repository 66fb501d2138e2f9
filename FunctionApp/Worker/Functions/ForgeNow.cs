using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /chains/{chain}/forge</c> (admin): forges one block now, empty if nothing is pending.</summary>
public sealed class ForgeNow(BlocksApi api)
{
    [Function(nameof(ForgeNow))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chains/{chain}/forge")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.ForgeAsync(chain, cancellationToken);
}
