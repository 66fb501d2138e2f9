using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /nodes/register</c>: adds validated peer URLs.</summary>
public sealed class RegisterNodes(ArticleApi api)
{
    [Function(nameof(RegisterNodes))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "nodes/register")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.RegisterNodesAsync(request, cancellationToken);
}
