using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Http;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Sync;

// The self-hosted SmartChain node: the same handlers and schedule as the Azure Functions host, on Kestrel.
// Content root = the build output, so appsettings.json is found whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var port = NodeSettings.From(args, key => builder.Configuration[key]).Port;
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();
builder.Services.AddSmartChain(services => NodeSettings.From(args, key => services.GetRequiredService<IConfiguration>()[key]));
builder.Services.AddHostedService<ProductionLoop>();
builder.Services.AddHostedService<SyncLoop>();
builder.Services.AddHostedService<SmartChain.FunctionApp.Logs.WitnessLoop>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi(); // GET /openapi/v1.json: the self-host's documentation of every route below
ArticleApi.Map(app);
ChainsApi.Map(app);
BlocksApi.Map(app);
TransactionsApi.Map(app);
AccountsApi.Map(app);
LogApi.Map(app);
WitnessApi.Map(app);

await app.Services.GetRequiredService<NodeStartup>().RunAsync(app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point, public so in-process tests can host it with WebApplicationFactory.</summary>
public partial class Program;
