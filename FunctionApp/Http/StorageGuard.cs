using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Where a handler's storage outage becomes its answer, for both hosts (the Functions host runs no ASP.NET Core
/// middleware, so this lives in the handlers): 503 problem+json with <c>Retry-After</c>, never a 500 and never a
/// hang (the storage client's retries and timeouts are bounded, <see cref="Tables.Options"/>).
/// </summary>
public static class StorageGuard
{
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> handle, CancellationToken requestAborted)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (StorageOutage.Is(e, requestAborted))
        {
            return Problems.StorageUnavailable();
        }
    }
}
