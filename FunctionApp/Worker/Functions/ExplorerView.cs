using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /explorer/…</c>: the same page for every explorer view, so each view has a shareable URL.</summary>
public sealed class ExplorerView(ExplorerApi api)
{
    [Function(nameof(ExplorerView))]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "explorer/{*view}")] HttpRequest request
    ) => api.Page(request);
}
