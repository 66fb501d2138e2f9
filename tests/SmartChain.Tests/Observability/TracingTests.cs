using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Observability;

/// <summary>
/// The traces of a node with an exporter configured (OTLP at an address nobody listens on; the spans are read from an
/// in-memory exporter added beside it): a submission is one trace from the HTTP request down to its storage write,
/// and a forge is a trace of its own, linked to the request that asked for it, with its commit and follow-up inside.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<Activity> _exported = new();
    private readonly NodeApp _node = new(
        settings: new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9" }
    );
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _traced = null!;

    public Task InitializeAsync()
    {
        _traced = _node.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services =>
                services.ConfigureOpenTelemetryTracerProvider(tracing =>
                    tracing.AddInMemoryExporter(new QueueCollection(_exported))
                )
            )
        );
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _traced.DisposeAsync();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task SubmissionIsOneTraceFromRequestToStorageAndForgeIsItsOwnTrace()
    {
        var http = _traced.CreateClient();
        var submission = ActivityTraceId.CreateRandom();
        using (var request = Traced(HttpMethod.Post, "/chains/aka/transactions", submission))
        {
            request.Content = JsonContent.Create(
                new
                {
                    sender = "alice",
                    amount = 5,
                    recipient = "bob",
                }
            );
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var server = await SpanAsync(
            a => a.TraceId == submission && a.Source.Name == "Microsoft.AspNetCore",
            "the request's server span"
        );
        var accept = await SpanAsync(
            a => a.TraceId == submission && a.OperationName == "smartchain.accept",
            "the acceptance span"
        );
        Assert.Equal(server.SpanId, accept.ParentSpanId);
        Assert.Equal("aka", accept.GetTagItem("smartchain.chain"));
        var write = await SpanAsync(
            a => a.TraceId == submission && a.OperationName == "smartchain.group_commit",
            "the group commit's write"
        );
        Assert.Equal(accept.SpanId, write.ParentSpanId);
        await SpanAsync(
            a =>
                a.TraceId == submission
                && a.Source.Name.StartsWith("Azure.", StringComparison.Ordinal)
                && a.ParentSpanId == write.SpanId,
            "the Table Storage call under the write"
        );

        var forgeRequest = ActivityTraceId.CreateRandom();
        using (var request = Traced(HttpMethod.Post, "/chains/aka/forge", forgeRequest))
        {
            request.Headers.Add("x-functions-key", NodeApp.AdminKey);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var forge = await SpanAsync(
            a => a.OperationName == "smartchain.forge" && a.Links.Any(l => l.Context.TraceId == forgeRequest),
            "the forge, linked to its request"
        );
        Assert.NotEqual(forgeRequest, forge.TraceId);
        Assert.Equal(default, forge.ParentSpanId);
        Assert.Equal("block", forge.GetTagItem("smartchain.forge.outcome"));
        await SpanAsync(
            a => a.OperationName == "smartchain.block.commit" && a.ParentSpanId == forge.SpanId,
            "the forge's commit"
        );
        await SpanAsync(
            a => a.OperationName == "smartchain.forge.follow_up" && a.ParentSpanId == forge.SpanId,
            "the forge's follow-up"
        );
    }

    private static HttpRequestMessage Traced(HttpMethod method, string path, ActivityTraceId trace)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(
            "traceparent",
            $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01"
        );
        return request;
    }

    /// <summary>Spans are exported when they end, which for a shared write may be just after the answer.</summary>
    private Task<Activity> SpanAsync(Func<Activity, bool> match, string what) =>
        Eventually.ReturnsAsync(
            () => Task.FromResult(_exported.FirstOrDefault(match)!),
            span => span is not null,
            TimeSpan.FromSeconds(10),
            what
        );

    /// <summary>
    /// The exporter appends from whichever thread ends a span: a thread-safe queue behind the ICollection it wants.
    /// </summary>
    private sealed class QueueCollection(ConcurrentQueue<Activity> queue) : ICollection<Activity>
    {
        public int Count => queue.Count;

        public bool IsReadOnly => false;

        public void Add(Activity item) => queue.Enqueue(item);

        public void Clear() => queue.Clear();

        public bool Contains(Activity item) => queue.Contains(item);

        public void CopyTo(Activity[] array, int arrayIndex) => queue.CopyTo(array, arrayIndex);

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => queue.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
