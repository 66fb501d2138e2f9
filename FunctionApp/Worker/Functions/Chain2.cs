using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chain2</c>: the whole data chain in the article's <c>{chain2, length}</c> shape.</summary>
public sealed class Chain2(ArticleApi api)
{
    [Function(nameof(Chain2))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chain2")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.ChainAsync(ArticleApi.DataChain, "chain2", cancellationToken);
}
