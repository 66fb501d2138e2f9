using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /chains/{chain}/proof/inclusion?index=&amp;size=</c>: an RFC 6962 audit path in the chain's log.
/// </summary>
public sealed class GetInclusionProof(LogApi api)
{
    [Function(nameof(GetInclusionProof))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/proof/inclusion")]
            HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.InclusionAsync(request, chain, cancellationToken);
}
