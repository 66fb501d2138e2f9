using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartChain.FunctionApp.Http;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Worker;

/// <summary>
/// The Functions worker against the self-hosted node, on the real worker assembly: its generated functions.metadata
/// against the self-host's endpoint table, its container resolving every function, and functions run in-process
/// answering the same requests with the same status, content type and body as the self-host.
/// </summary>
public sealed class WorkerParityTests : IAsyncLifetime
{
    private readonly NodeApp _node = new();
    private IHost _worker = null!;

    public Task InitializeAsync()
    {
        _ = _node.Server; // starts the self-host (and creates the tables of its prefix)
        _worker = WorkerAssembly.BuildHost(
            new Dictionary<string, string?>
            {
                ["SMARTCHAIN_STORAGE"] = TestStorage.ConnectionString,
                ["SMARTCHAIN_TABLE_PREFIX"] = _node.Prefix,
                ["SMARTCHAIN_MANUAL"] = "true",
            }
        );
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _worker.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public void MetadataDeclaresExactlyTheSelfHostsRoutesMethodsAndAdminRoutes()
    {
        var selfHost = _node
            .Services.GetRequiredService<EndpointDataSource>()
            .Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e =>
                e.Metadata.GetMetadata<HttpMethodMetadata>()!
                    .HttpMethods.Select(m =>
                        $"{m} /{e.RoutePattern.RawText!.Trim('/')} "
                        + $"{(e.Metadata.GetMetadata<AdminRouteMetadata>() is null ? "Anonymous" : "Function")}"
                    )
            )
            .Order(StringComparer.Ordinal)
            .ToList();
        var worker = WorkerAssembly
            .ReadMetadata()
            .Where(f => f.Trigger == "httpTrigger" && f.Route != "{*path}")
            .SelectMany(f => f.Methods.Select(m => $"{m} /{f.Route} {f.AuthLevel}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("POST /chains Function", selfHost);
        Assert.True(selfHost.Count >= 17, $"only {selfHost.Count} self-host routes were read");
        Assert.Equal(selfHost, worker);
    }

    [Fact]
    public void MetadataDeclaresTheCatchAllAndEveryTimerOnItsSetting()
    {
        var functions = WorkerAssembly.ReadMetadata();
        var catchAll = Assert.Single(functions, f => f.Route == "{*path}");
        Assert.Equal("Anonymous", catchAll.AuthLevel);
        Assert.Equal(
            ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"],
            catchAll.Methods.Order(StringComparer.Ordinal)
        );

        var timers = functions.Where(f => f.Trigger == "timerTrigger").ToDictionary(f => f.Name, f => f.Schedule);
        Assert.Equal("%SMARTCHAIN_FORGE_SCHEDULE%", timers["ForgeBlocks"]);
        Assert.Equal("%SMARTCHAIN_SYNC_SCHEDULE%", timers["SyncReplicas"]);
        Assert.Equal("%SMARTCHAIN_WITNESS_SCHEDULE%", timers["SubmitCheckpoints"]);
        Assert.Equal(3, timers.Count);
        var settings = LocalSettingsTests.SampleSettingNames();
        Assert.All(timers.Values, schedule => Assert.Contains(schedule!.Trim('%'), settings));
    }

    [Fact]
    public void EveryFunctionIsAClassOfItsOwnWhoseMethodIsInTheMetadata()
    {
        var classes = WorkerAssembly.FunctionClasses();
        var declared = WorkerAssembly.ReadMetadata().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            declared,
            classes
                .Select(c => c.Run.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()!.Name)
                .Order(StringComparer.Ordinal)
        );
        Assert.Equal(classes.Count, classes.Select(c => c.Type).Distinct().Count());
        Assert.All(
            classes,
            c =>
                Assert.Equal(
                    c.Type.Name,
                    c.Run.GetCustomAttribute<Microsoft.Azure.Functions.Worker.FunctionAttribute>()!.Name
                )
        );
    }

    [Fact]
    public void TheWorkersContainerResolvesEveryFunctionClass()
    {
        var classes = WorkerAssembly.FunctionClasses();
        Assert.True(classes.Count >= 20, $"only {classes.Count} functions");
        Assert.All(classes, c => Assert.NotNull(ActivatorUtilities.CreateInstance(_worker.Services, c.Type)));
    }

    [Theory]
    [InlineData("Unmatched", "GET", "/no/such/route")]
    [InlineData("Unmatched", "GET", "/transactions/new")]
    [InlineData("Unmatched", "PUT", "/chains")]
    [InlineData("Unmatched", "DELETE", "/chains/aka/blocks/1")]
    [InlineData("OpenApiDocument", "GET", "/openapi/v1.json")]
    [InlineData("GetChain", "GET", "/chains/nosuchchain", "chain=nosuchchain")]
    [InlineData("GetBlock", "GET", "/chains/nosuchchain/blocks/x", "chain=nosuchchain", "index=x")]
    [InlineData("ListChains", "GET", "/chains")]
    public async Task AFunctionRunInProcessAnswersLikeTheSelfHost(
        string function,
        string method,
        string path,
        params string[] routeValues
    )
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var expected = await _node.CreateClient().SendAsync(request);
        var expectedBody = Normalize(await expected.Content.ReadAsStringAsync());

        var (status, headers, body) = await InvokeAsync(function, method, path, routeValues);

        Assert.Equal((int)expected.StatusCode, status);
        Assert.Equal(expected.Content.Headers.ContentType?.ToString(), headers.ContentType.ToString());
        Assert.Equal(string.Join(", ", expected.Content.Headers.Allow), headers.Allow.ToString());
        Assert.Equal(expectedBody, Normalize(body));
    }

    /// <summary>
    /// Runs one function as the host would: its class from the worker's container, a request, its IResult executed.
    /// </summary>
    private async Task<(int Status, IHeaderDictionary Headers, string Body)> InvokeAsync(
        string name,
        string method,
        string path,
        string[] routeValues
    )
    {
        var (type, run) = WorkerAssembly.FunctionClasses().Single(c => c.Type.Name == name);
        var function = ActivatorUtilities.CreateInstance(_worker.Services, type);
        var context = new DefaultHttpContext { RequestServices = _worker.Services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Response.Body = new MemoryStream();
        var values = routeValues.Select(v => v.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        var arguments = run.GetParameters()
            .Select(p =>
                p.ParameterType switch
                {
                    var t when t == typeof(HttpRequest) => context.Request,
                    var t when t == typeof(CancellationToken) => (object)CancellationToken.None,
                    _ => values[p.Name!],
                }
            )
            .ToArray();

        var result = run.Invoke(function, arguments) switch
        {
            Task<IResult> task => await task,
            IResult answer => answer,
            var other => throw new InvalidOperationException($"{name} returned {other}"),
        };
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (
            context.Response.StatusCode,
            context.Response.Headers,
            await new StreamReader(context.Response.Body).ReadToEndAsync()
        );
    }

    /// <summary>The body without the per-request trace id ASP.NET Core adds to problem details.</summary>
    private static string Normalize(string body)
    {
        if (!body.StartsWith('{'))
        {
            return body;
        }

        var json = JsonNode.Parse(body)!.AsObject();
        json.Remove("traceId");
        return json.ToJsonString();
    }
}
