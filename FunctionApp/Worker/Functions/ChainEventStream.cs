using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>GET /chains/{chain}/events</c>: Server-Sent Events of the chain's head. The Functions host buffers the answer
/// until the stream ends, so the explorer, getting no early hello, polls block pages with ETags instead.
/// </summary>
public sealed class ChainEventStream(ChainEvents api)
{
    [Function(nameof(ChainEventStream))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "chains/{chain}/events")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.StreamAsync(chain, cancellationToken);
}
