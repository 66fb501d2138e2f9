using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /witness/add-checkpoint</c>: C2SP tlog-witness submission.</summary>
public sealed class AddCheckpoint(WitnessApi api)
{
    [Function(nameof(AddCheckpoint))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "witness/add-checkpoint")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.AddCheckpointAsync(request, cancellationToken);
}
