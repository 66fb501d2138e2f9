using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SmartChain.Tests.Support;

/// <summary>
/// A man in the middle on a free local port: a real HTTP server (Kestrel) that forwards every request to a
/// real node and passes the answers back unchanged, except <c>GET /chains/{chain}/blocks</c> pages, whose
/// blocks from <see cref="TamperFrom"/> on it alters with <see cref="Tamper"/> when that is set. A replica
/// pointed at it pins the genuine BPSC key (the chain info passes through honestly) and then meets forged blocks.
/// </summary>
public sealed partial class TamperingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _target;

    private TamperingProxy(WebApplication app, HttpClient target, Uri url)
    {
        _app = app;
        _target = target;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>What to do to served blocks; null forwards them honestly.</summary>
    public TamperKind? Tamper { get; set; }

    /// <summary>The first block index altered.</summary>
    public long TamperFrom { get; set; } = 1;

    /// <summary>How many blocks it has altered so far.</summary>
    public int Tampered => _tampered;

    private int _tampered;

    public static async Task<TamperingProxy> StartAsync(Uri target)
    {
        var port = TestStorage.FreePort();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var proxy = new TamperingProxy(app, new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(60) }, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var pathAndQuery = context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString.Value;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), pathAndQuery);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await _target.SendAsync(request);
        var answer = await response.Content.ReadAsByteArrayAsync();
        if (Tamper is { } kind && context.Request.Method == "GET" && BlocksPage().IsMatch(context.Request.Path.Value!) && response.IsSuccessStatusCode)
        {
            answer = Encoding.UTF8.GetBytes(Alter(kind, Encoding.UTF8.GetString(answer)));
        }

        context.Response.StatusCode = (int)response.StatusCode;
        if (response.Content.Headers.ContentType is { } contentType)
        {
            context.Response.ContentType = contentType.ToString();
        }

        await context.Response.Body.WriteAsync(answer);
    }

    private string Alter(TamperKind kind, string page)
    {
        var json = JsonNode.Parse(page)!.AsObject();
        foreach (var block in json["blocks"]!.AsArray().Select(b => b!.AsObject()).Where(b => b["index"]!.GetValue<long>() >= TamperFrom))
        {
            BlockTampering.Apply(kind, block);
            Interlocked.Increment(ref _tampered);
        }

        return json.ToJsonString();
    }

    [GeneratedRegex("^/chains/[^/]+/blocks$")]
    private static partial Regex BlocksPage();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _target.Dispose();
    }
}
