using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}</c>: a chain's settings, producer, height, head hash and BPSC public key.</summary>
public sealed class GetChain(ChainsApi api)
{
    [Function(nameof(GetChain))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.GetAsync(chain, cancellationToken);
}
