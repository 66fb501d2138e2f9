using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /mine</c>: forges one block on every chain this node produces, as the article's /mine does.
/// </summary>
public sealed class Mine(ArticleApi api)
{
    [Function(nameof(Mine))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "mine")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.MineAsync(request, cancellationToken);
}
