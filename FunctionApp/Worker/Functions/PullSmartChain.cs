using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /smart/chain</c>: pulls the token chain from its BPSC, verifying everything, and answers with it.
/// </summary>
public sealed class PullSmartChain(ArticleApi api)
{
    [Function(nameof(PullSmartChain))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "smart/chain")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.SmartChainAsync(request, cancellationToken);
}
