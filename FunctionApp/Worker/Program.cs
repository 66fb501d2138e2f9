using Microsoft.Azure.Functions.Worker.Builder;
using SmartChain.FunctionApp.Hosting;
using SmartChain.Worker;

// The Azure Functions isolated worker: the same services as the self-hosted node (WorkerServices), with the
// Functions host in front and timer functions in place of the self-host's background loops.
var builder = FunctionsApplication.CreateBuilder(args);
WorkerServices.Configure(builder);

using var host = builder.Build();
await host.Services.GetRequiredService<NodeStartup>().RunAsync(CancellationToken.None);
await host.RunAsync();
