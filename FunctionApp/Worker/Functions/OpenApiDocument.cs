using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>GET /openapi/v1.json</c>: the OpenAPI document of the API, the same one the self-host serves.</summary>
public sealed class OpenApiDocument(OpenApiDescription openApi)
{
    [Function(nameof(OpenApiDocument))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi/v1.json")] HttpRequest request
    ) => openApi.ServeAsync();
}
