using System.Text.Json;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// A JSON answer written piece by piece straight to the response, flushing as it goes, so a chain of a
/// million transactions is served without ever being held in memory.
/// </summary>
public sealed class StreamedJson(int statusCode, Func<Utf8JsonWriter, CancellationToken, Task> write) : IResult
{
    private const int FlushEveryBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        var writer = new Utf8JsonWriter(httpContext.Response.Body, new JsonWriterOptions { SkipValidation = true });
        try
        {
            await write(writer, httpContext.RequestAborted);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
        catch (Exception e) when (!httpContext.Response.HasStarted && StorageOutage.Is(e, httpContext.RequestAborted))
        {
            // Nothing was sent yet (the first 64 KB are buffered): the writer is dropped undisposed, since disposing
            // would flush its partial JSON, and the answer is the outage. Past the first flush the answer is cut short.
            await Problems.StorageUnavailable().ExecuteAsync(httpContext);
            return;
        }

        await writer.DisposeAsync();
    }

    /// <summary>Flushes when enough is buffered; call between items.</summary>
    public static async ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        if (writer.BytesPending >= FlushEveryBytes)
        {
            await writer.FlushAsync(cancellationToken);
        }
    }
}
