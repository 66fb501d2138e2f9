using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>GET /openapi/v1.json</c> in both hosts: the OpenAPI document of <see cref="NodeRoutes"/>, generated once per
/// process by ASP.NET Core's document service on a private, never-started endpoint table (the Functions worker
/// has none of its own), so the self-host and the worker serve the same document byte for byte.
/// </summary>
public sealed class OpenApiDescription
{
    /// <summary>
    /// The document's title (ASP.NET Core's default would be the host's assembly name, which differs).
    /// </summary>
    public const string ApplicationName = "SmartChain";

    private readonly Lazy<Task<string>> _json = new(GenerateAsync);

    public async Task<IResult> ServeAsync() => TypedResults.Text(await _json.Value, "application/json;charset=utf-8");

    private static async Task<string> GenerateAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(
            new WebApplicationOptions
            {
                ApplicationName = ApplicationName,
                EnvironmentName = Environments.Production,
                ContentRootPath = AppContext.BaseDirectory,
            }
        );
        builder.Services.AddOpenApi();

        // The handlers' services must be known for the parameters to be described as they are bound;
        // none of them is created (nothing here touches storage).
        builder.Services.AddSmartChain(_ => NodeSettings.From([], _ => null));
        // A started app hands its routes to routing in UseEndpoints; this one never starts, so the document service
        // is given them directly, or it sees no endpoint and describes no path.
        WebApplication? built = null;
        builder.Services.AddSingleton<EndpointDataSource>(_ => new CompositeEndpointDataSource(
            ((IEndpointRouteBuilder)built!).DataSources
        ));
        await using var app = built = builder.Build();
        NodeRoutes.Map(app);

        var document = await app
            .Services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1")
            .GetOpenApiDocumentAsync();
        using var text = new StringWriter();
        await document.SerializeAsync(new OpenApiJsonWriter(text), OpenApiSpecVersion.OpenApi3_1);
        return text.ToString();
    }
}
