using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmartChain.Tests.Support;

/// <summary>
/// A real HTTP server on loopback that plays a peer or BPSC misbehaving as the test says: <c>misbehave</c> answers a
/// request its own way (trickle, a huge answer, a redirect…) and returns true, or returns false to let an honest
/// upstream node answer it unchanged. It counts what was asked, and which requests the client gave up on.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly ConcurrentQueue<string> _asked = new();
    private readonly ConcurrentQueue<string> _abandoned = new();

    private HostileServer(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Url => new(_app.Urls.First() + "/");

    /// <summary>Every path and query asked, in order (without the leading slash).</summary>
    public IReadOnlyList<string> Asked => _asked.ToList();

    /// <summary>The requests whose client went away before the answer was complete.</summary>
    public IReadOnlyList<string> Abandoned => _abandoned.ToList();

    public static async Task<HostileServer> StartAsync(
        Func<HttpContext, string, Task<bool>> misbehave,
        Uri? upstream = null
    )
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var http = new HttpClient { BaseAddress = upstream, Timeout = TimeSpan.FromSeconds(60) };
        HostileServer server = null!;
        app.Map(
            "/{**path}",
            async (HttpContext context) =>
            {
                var asked = (context.Request.Path + context.Request.QueryString).ToString().TrimStart('/');
                server._asked.Enqueue(asked);
                try
                {
                    if (!await misbehave(context, asked))
                    {
                        await PassOnAsync(context, asked, http);
                    }
                }
                catch (Exception) when (context.RequestAborted.IsCancellationRequested)
                {
                    server._abandoned.Enqueue(asked);
                }
            }
        );
        await app.StartAsync();
        server = new HostileServer(app, http);
        return server;
    }

    /// <summary>
    /// Sends headers, then <paramref name="text"/> one byte every <paramref name="every"/>, then never ends.
    /// </summary>
    public static async Task TrickleAsync(HttpContext context, string text, TimeSpan every)
    {
        context.Response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var i = 0; ; i++)
        {
            await context.Response.Body.WriteAsync(bytes.AsMemory(i % bytes.Length, 1), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(every, context.RequestAborted);
        }
    }

    /// <summary>
    /// Answers valid JSON of about <paramref name="size"/> bytes: <paramref name="open"/>, <paramref name="item"/>
    /// repeated, <paramref name="close"/>.
    /// </summary>
    public static async Task HugeAsync(HttpContext context, string open, string item, string close, long size)
    {
        context.Response.ContentType = "application/json";
        var chunk = Encoding.UTF8.GetBytes(
            string.Concat(Enumerable.Repeat(item + ",", Math.Max(1, 64 * 1024 / (item.Length + 1))))
        );
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(open), context.RequestAborted);
        for (long sent = 0; sent < size; sent += chunk.Length)
        {
            await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(item + close), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private static async Task PassOnAsync(HttpContext context, string asked, HttpClient upstream)
    {
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), asked);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body);
            request.Content = new StringContent(await reader.ReadToEndAsync(), Encoding.UTF8, "application/json");
        }

        using var response = await upstream.SendAsync(request, context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
