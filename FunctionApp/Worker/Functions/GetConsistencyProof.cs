using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /chains/{chain}/proof/consistency?from=&amp;to=</c>: an RFC 6962 consistency proof of the log.
/// </summary>
public sealed class GetConsistencyProof(LogApi api)
{
    [Function(nameof(GetConsistencyProof))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/proof/consistency")]
            HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.ConsistencyAsync(request, chain, cancellationToken);
}
