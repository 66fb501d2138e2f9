using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /assets/{file}</c>: an explorer script or stylesheet under its content-hashed name, cached forever.
/// </summary>
public sealed class ExplorerAsset(ExplorerApi api)
{
    [Function(nameof(ExplorerAsset))]
    public IResult Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "assets/{file}")] HttpRequest request,
        string file
    ) => api.Asset(file, request);
}
