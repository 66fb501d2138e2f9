using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /witness</c>: this node's witness name and cosignature/v1 verifier key.</summary>
public sealed class GetWitness(WitnessApi api)
{
    [Function(nameof(GetWitness))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "witness")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.IdentityAsync(cancellationToken);
}
