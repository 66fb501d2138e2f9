using System.Globalization;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// An answer (a problem) sent with a <c>Retry-After</c> header: when the client may try again, in seconds.
/// </summary>
public sealed class RetryAfterResult(IResult answer, int seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return answer.ExecuteAsync(httpContext);
    }
}
