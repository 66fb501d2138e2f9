using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace SmartChain.Tests.Support;

/// <summary>
/// Concurrent clients posting the article's transfers until stopped (or until their node stops answering),
/// keeping the id of every transaction the node acknowledged with a 201: what must never be lost.
/// </summary>
public sealed class TransactionLoad
{
    private readonly ConcurrentQueue<string> _acknowledged = new();
    private int _failures;

    /// <summary>Ids the node acknowledged, in no particular order.</summary>
    public IReadOnlyCollection<string> Acknowledged => _acknowledged;

    /// <summary>Requests that got no acknowledgement (refused connections after a kill, mostly).</summary>
    public int Failures => _failures;

    /// <summary>
    /// Runs <paramref name="clients"/> posting loops against each of <paramref name="nodes"/> until
    /// <paramref name="stop"/>.
    /// </summary>
    public Task RunAsync(IReadOnlyList<HttpClient> nodes, int clients, CancellationToken stop) =>
        Task.WhenAll(
            nodes.SelectMany(
                (http, n) => Enumerable.Range(0, clients).Select(c => ClientAsync(http, $"client-{n}-{c}", stop))
            )
        );

    private async Task ClientAsync(HttpClient http, string sender, CancellationToken stop)
    {
        for (var i = 1; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var response = await http.PostJsonAsync(
                    "/transactions/new",
                    new
                    {
                        sender,
                        amount = i,
                        recipient = "bob",
                    }
                );
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref _failures);
                    continue;
                }

                var body = await response.JsonAsync();
                _acknowledged.Enqueue(body.GetProperty("id").GetString()!);
            }
            catch (Exception e)
                when (e
                        is HttpRequestException
                            or IOException
                            or TaskCanceledException
                            or JsonException
                            or InvalidOperationException
                )
            {
                // The node went away mid-request: this one was never acknowledged. A dead node stops this client.
                Interlocked.Increment(ref _failures);
                if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
                {
                    return;
                }
            }
        }
    }
}
