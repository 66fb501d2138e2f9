using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /information/new</c>: a record of information on the data chain.</summary>
public sealed class NewInformation(ArticleApi api)
{
    [Function(nameof(NewInformation))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "information/new")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.NewInformationAsync(request, cancellationToken);
}
