using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /transactions/new</c>: the article's transfer on the token chain <c>aka</c>.</summary>
public sealed class NewTransaction(ArticleApi api)
{
    [Function(nameof(NewTransaction))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "transactions/new")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.NewTransactionAsync(request, cancellationToken);
}
