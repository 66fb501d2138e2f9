using System.Net.Sockets;
using Azure;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Tells a storage outage (storage down, hung, refusing or failing on its side) from every other failure. It is
/// the one place that decides it: the handlers answer it with 503 and <c>Retry-After</c>
/// (<see cref="Http.StorageGuard"/>), the background loops log it in one line and try again. An outage says nothing
/// about what storage did: a write whose answer was lost may have landed, so it is never acknowledged, and the
/// crash-safe commit order (docs/storage.md) keeps such a write harmless.
/// </summary>
public static class StorageOutage
{
    /// <summary>Seconds a client is told to wait before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>
    /// True when <paramref name="error"/> comes from storage being unreachable or failing: a RequestFailedException
    /// without an answer (status 0) or with 408, 429 or 5xx, a network error, or the storage client's own timeout (a
    /// cancellation that <paramref name="caller"/> did not ask for). The retry policy's AggregateException counts
    /// when every attempt it holds does.
    /// </summary>
    public static bool Is(Exception error, CancellationToken caller = default) =>
        error switch
        {
            RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
            AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => Is(e, caller)),
            HttpRequestException or SocketException or IOException or TimeoutException => true,
            OperationCanceledException => !caller.IsCancellationRequested,
            _ => false,
        };
}
