using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Observability;

// The Azure Functions isolated worker (built with -p:AzureFunctionsWorker=true in place of Program.cs): the
// same services as the self-hosted node, with the Functions host in front (ASP.NET Core integration, so the
// handlers' IResult answers are written as they are) and timer functions in place of the background loops.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddProblemDetails();

// Settings come from app settings only: the worker's command line belongs to the Functions host
// (its --port is the host's gRPC port, not ours).
builder.Services.AddSmartChain(services => NodeSettings.From([], key => services.GetRequiredService<IConfiguration>()[key]));

// OpenTelemetry by configuration (Azure Monitor / OTLP); no /metrics here. The worker's defaults correlate our spans
// with the host's function invocations. Needs Microsoft.Azure.Functions.Worker.OpenTelemetry (worker project only).
builder.Services.AddSmartChainTelemetry(builder.Configuration, prometheus: false, otel => otel.UseFunctionsWorkerDefaults());

using var host = builder.Build();
await host.Services.GetRequiredService<NodeStartup>().RunAsync(CancellationToken.None);
await host.RunAsync();
