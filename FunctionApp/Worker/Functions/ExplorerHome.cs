using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /</c>: the block explorer's page (the template matches only the root; Functions routes cannot be empty).
/// </summary>
public sealed class ExplorerHome(ExplorerApi api)
{
    [Function(nameof(ExplorerHome))]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{root:maxlength(0)?}")] HttpRequest request
    ) => api.Page(request);
}
