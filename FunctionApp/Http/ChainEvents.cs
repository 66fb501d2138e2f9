using System.Text;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>GET /chains/{chain}/events</c>: Server-Sent Events naming the chain's head each time it moves
/// (<c>event: head</c>, <c>id</c> = height, <c>data</c> = <c>{"height":N,"hash":"…"}</c>), so the explorer shows
/// new blocks without reloading. The stream watches the head row (one point read per interval, whichever process
/// forged) and ends after <see cref="Lifetime"/>; EventSource reconnects by itself. It opens with an
/// <c>event: hello</c> at once: a host that buffers responses (the Functions host) delivers nothing until the end,
/// and the page, having no hello within seconds, polls with ETags instead (docs/explorer.md).
/// </summary>
public sealed class ChainEvents(ChainRegistry registry, BlockStore blocks, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes
            .MapGet(
                "/chains/{chain}/events",
                (ChainEvents api, string chain, CancellationToken ct) => api.StreamAsync(chain, ct)
            )
            .WithName("GetChainEvents")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);

    public async Task<IResult> StreamAsync(string chain, CancellationToken cancellationToken) =>
        await registry.FindByRouteAsync(chain, cancellationToken) is { } record
            ? new EventStream(this, record.Id)
            : Problems.UnknownChain(chain);

    private async Task WriteAsync(Stream body, ChainId chain, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + Lifetime;
        long? sent = null;
        await SendAsync(body, "retry: 1000\nevent: hello\ndata: {}\n\n", cancellationToken);
        while (clock.GetUtcNow() < until)
        {
            var head = await blocks.ReadHeadAsync(chain, cancellationToken);
            if (head.Height != sent)
            {
                sent = head.Height;
                var data = $"{{\"height\":{head.Height},\"hash\":\"{head.Hash}\"}}";
                await SendAsync(body, $"id: {head.Height}\nevent: head\ndata: {data}\n\n", cancellationToken);
            }

            await Task.Delay(Interval, clock, cancellationToken);
        }
    }

    private static async Task SendAsync(Stream body, string text, CancellationToken cancellationToken)
    {
        await body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private sealed class EventStream(ChainEvents events, ChainId chain) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = 200;
            httpContext.Response.ContentType = "text/event-stream; charset=utf-8";
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
            try
            {
                await events.WriteAsync(httpContext.Response.Body, chain, httpContext.RequestAborted);
            }
            catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
            {
                // The page went away: nothing to answer.
            }
        }
    }
}
