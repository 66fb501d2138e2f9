using Microsoft.Azure.Functions.Worker.Builder;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.Worker;

/// <summary>
/// The Azure Functions isolated worker: the same services as the self-hosted node (<see cref="WorkerServices"/>),
/// with the Functions host in front and timer functions in place of the self-host's background loops. A named
/// class, not top-level statements: the tests reference both hosts, and the self-host's Program is theirs.
/// </summary>
public static class WorkerProgram
{
    public static async Task Main(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        WorkerServices.Configure(builder);

        using var host = builder.Build();
        await host.Services.GetRequiredService<NodeStartup>().RunAsync(CancellationToken.None);
        await host.RunAsync();
    }
}
