using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmartChain.Tests.Support;

/// <summary>
/// A real HTTP server in front of a node that passes every request on and lets the test rewrite the path it
/// asks upstream and the answer it returns: a node that lies, for the CLI to catch.
/// </summary>
public sealed class RewritingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;

    private RewritingProxy(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Url => new(_app.Urls.First() + "/");

    /// <param name="upstream">The honest node.</param>
    /// <param name="redirect">Maps the path and query asked (without the leading slash) to the one asked
    /// upstream.</param>
    /// <param name="rewrite">Maps (path and query asked, upstream answer) to the answer given.</param>
    public static async Task<RewritingProxy> StartAsync(
        Uri upstream,
        Func<string, string>? redirect = null,
        Func<string, string, string>? rewrite = null
    )
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(60) };
        app.Map(
            "/{**path}",
            async (HttpContext context) =>
            {
                var asked = (context.Request.Path + context.Request.QueryString).ToString().TrimStart('/');
                using var request = new HttpRequestMessage(
                    new HttpMethod(context.Request.Method),
                    redirect?.Invoke(asked) ?? asked
                );
                if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
                {
                    using var reader = new StreamReader(context.Request.Body);
                    request.Content = new StringContent(
                        await reader.ReadToEndAsync(),
                        Encoding.UTF8,
                        "application/json"
                    );
                }

                foreach (var header in context.Request.Headers.Where(h => h.Key == "x-functions-key"))
                {
                    request.Headers.Add(header.Key, header.Value.ToArray());
                }

                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                context.Response.StatusCode = (int)response.StatusCode;
                context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
                await context.Response.WriteAsync(rewrite?.Invoke(asked, body) ?? body);
            }
        );
        await app.StartAsync();
        return new RewritingProxy(app, http);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }
}
