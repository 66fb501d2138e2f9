using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains</c>: every chain this node holds.</summary>
public sealed class ListChains(ChainsApi api)
{
    [Function(nameof(ListChains))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.ListAsync(cancellationToken);
}
