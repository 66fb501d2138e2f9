using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Http;
using SmartChain.FunctionApp.Observability;

namespace SmartChain.Worker;

/// <summary>
/// The worker's service registration, in one place so that Program.cs and the tests build the same container:
/// ASP.NET Core integration (the handlers' IResult answers are written as they are) and the shared node.
/// </summary>
public static class WorkerServices
{
    public static FunctionsApplicationBuilder Configure(FunctionsApplicationBuilder builder)
    {
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddProblemDetails();

        // Settings come from app settings only: the worker's command line belongs to the Functions host
        // (its --port is the host's gRPC port, not ours).
        builder.Services.AddSmartChain(services =>
            NodeSettings.From([], key => services.GetRequiredService<IConfiguration>()[key])
        );

        // OpenTelemetry by configuration (Azure Monitor / OTLP), no /metrics here; the worker's defaults correlate
        // our spans with the host's function invocations.
        builder.Services.AddSmartChainTelemetry(
            builder.Configuration,
            prometheus: false,
            otel => otel.UseFunctionsWorkerDefaults()
        );

        // What no function takes is answered (by the Unmatched function) from this worker's own [HttpTrigger] routes.
        builder.Services.AddSingleton(new RouteTable(() => WorkerRoutes.Read(typeof(WorkerServices).Assembly)));
        return builder;
    }
}
