using Microsoft.Azure.Functions.Worker.Builder;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Http;

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
            NodeSettings.From([], key => services.GetRequiredService<IConfiguration>()[key]));

        // What no function takes is answered (by the Unmatched function) from this worker's own [HttpTrigger] routes.
        builder.Services.AddSingleton(new RouteTable(() => WorkerRoutes.Read(typeof(WorkerServices).Assembly)));
        return builder;
    }
}
