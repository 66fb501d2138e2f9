using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Http;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Sync;

// The self-hosted SmartChain node: the same handlers and schedule as the Azure Functions host, on Kestrel.
// Content root = the build output, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory }
);
var port = NodeSettings.From(args, key => builder.Configuration[key]).Port;
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddProblemDetails();
builder.Services.AddSmartChain(services =>
    NodeSettings.From(args, key => services.GetRequiredService<IConfiguration>()[key])
);
builder.Services.AddSmartChainTelemetry(builder.Configuration, prometheus: true);
builder.Services.AddHostedService<ProductionLoop>();
builder.Services.AddHostedService<SyncLoop>();
builder.Services.AddHostedService<SmartChain.FunctionApp.Logs.WitnessLoop>();

// What no route takes is answered from this host's own endpoint table (the routes that name their methods).
builder.Services.AddSingleton(services => new RouteTable(() =>
    services
        .GetRequiredService<EndpointDataSource>()
        .Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
        .Select(e => new RouteEntry(
            e.RoutePattern.RawText!.Trim('/'),
            e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ToList()
        ))
));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
NodeRoutes.Map(app);

// GET /openapi/v1.json: the document of every route above, the same one the Functions worker serves.
app.MapGet("/openapi/v1.json", (OpenApiDescription openApi) => openApi.ServeAsync()).ExcludeFromDescription();

// Lowest precedence, every method: 404 for an unknown path, 405 with Allow for a known path and another method.
app.MapFallback("{*path}", (RouteTable routes, HttpRequest request) => routes.Answer(request));

// GET /metrics: Prometheus text of the node's metrics (docs/operations.md); the worker exports by configuration.
app.MapPrometheusScrapingEndpoint();

await app.Services.GetRequiredService<NodeStartup>().RunAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point, public so in-process tests can host it with WebApplicationFactory.</summary>
public partial class Program;
