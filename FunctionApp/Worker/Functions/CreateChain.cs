using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary><c>POST /chains</c> (admin): creates a chain this node produces.</summary>
public sealed class CreateChain(ChainsApi api)
{
    [Function(nameof(CreateChain))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "chains")] HttpRequest request,
        CancellationToken cancellationToken
    ) => api.CreateAsync(request, cancellationToken);
}
