using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chain</c>: the whole token chain in the article's <c>{chain, length}</c> shape.</summary>
public sealed class Chain(ArticleApi api)
{
    [Function(nameof(Chain))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chain")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.ChainAsync(ArticleApi.TokenChain, "chain", cancellationToken);
}
