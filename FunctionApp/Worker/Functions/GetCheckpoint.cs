using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}/checkpoint</c>: the chain's C2SP checkpoint with its witness cosignatures.</summary>
public sealed class GetCheckpoint(LogApi api)
{
    [Function(nameof(GetCheckpoint))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/checkpoint")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.CheckpointAsync(request, chain, cancellationToken);
}
