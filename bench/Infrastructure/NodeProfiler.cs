using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing.Etlx;
using Microsoft.Diagnostics.Tracing.EventPipe;
using Microsoft.Diagnostics.Tracing.Parsers;
using SmartChain.Bench.Reporting;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// A sampled CPU profile of a running .NET process, taken the way <c>dotnet-trace --profile
/// dotnet-sampled-thread-time</c> takes it: an EventPipe session with the runtime's sample profiler (every thread's
/// stack each millisecond) and the runtime events that name the jitted methods, read back with TraceEvent and sorted
/// into a <see cref="CpuBreakdown"/>. Native frames (OpenSSL, the kernel) are not named: their time is counted in the
/// deepest managed frame that called them, which is what the buckets are made of.
/// </summary>
public sealed class NodeProfiler : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly Task _copy;

    private NodeProfiler(EventPipeSession session, string path)
    {
        _session = session;
        _path = path;
        _file = File.Create(path);
        _copy = session.EventStream.CopyToAsync(_file);
    }

    /// <summary>Starts sampling process <paramref name="pid"/>.</summary>
    public static NodeProfiler Start(int pid)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-DotNETCore-SampleProfiler", EventLevel.Informational),
            new EventPipeProvider(
                "Microsoft-Windows-DotNETRuntime",
                EventLevel.Informational,
                (long)ClrTraceEventParser.Keywords.Default
            ),
        };
        var session = new DiagnosticsClient(pid).StartEventPipeSession(providers, requestRundown: true);
        return new NodeProfiler(
            session,
            Path.Combine(Path.GetTempPath(), $"smartchain-bench-{pid}-{Guid.NewGuid():N}.nettrace")
        );
    }

    /// <summary>Stops sampling and reads the samples back (a few seconds for a few seconds of samples).</summary>
    public async Task<CpuBreakdown> StopAsync()
    {
        await _session.StopAsync(CancellationToken.None);
        await _copy;
        await _file.DisposeAsync();
        var etlx = TraceLog.CreateFromEventPipeDataFile(_path, Path.ChangeExtension(_path, ".etlx"));
        var breakdown = new CpuBreakdown();
        using (var log = new TraceLog(etlx))
        {
            foreach (var sample in log.Events)
            {
                if (sample.ProviderName == "Microsoft-DotNETCore-SampleProfiler" && sample.EventName == "Thread/Sample")
                {
                    // The sample says whether the thread was running managed code or was outside it.
                    var external = sample.PayloadByName("Type") is ClrThreadSampleType.External;
                    breakdown.Add(Frames(sample.CallStack()), external);
                }
            }
        }

        File.Delete(etlx);
        return breakdown;
    }

    public async ValueTask DisposeAsync()
    {
        _session.Dispose();
        await _file.DisposeAsync();
        File.Delete(_path);
    }

    /// <summary>The named frames of a stack, root first.</summary>
    private static List<string> Frames(TraceCallStack? stack)
    {
        var frames = new List<string>();
        for (var frame = stack; frame is not null; frame = frame.Caller)
        {
            var name = frame.CodeAddress.FullMethodName;
            if (!string.IsNullOrEmpty(name) && name != "?")
            {
                frames.Add(name);
            }
        }

        frames.Reverse();
        return frames;
    }
}
