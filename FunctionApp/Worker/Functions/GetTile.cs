using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /chains/{chain}/tile/…</c>: C2SP tlog-tiles hash tiles and entry bundles.</summary>
public sealed class GetTile(LogApi api)
{
    [Function(nameof(GetTile))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/tile/{*path}")] HttpRequest request,
        string chain,
        string path,
        CancellationToken cancellationToken
    ) => api.TileAsync(request, chain, path, cancellationToken);
}
