using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// What a node's memory is made of at its peak, watched while it works: /proc every 100 ms (the sample with the most
/// resident memory is kept, with its split into anonymous, file-backed and shared pages), and the runtime's own
/// counters each second over EventPipe (the GC's committed memory, and its generations' sizes after a collection:
/// what it held, garbage awaiting a full collection included). Explains a missed memory target; the peak itself is
/// still the process's VmHWM.
/// </summary>
public sealed class MemoryProbe : IAsyncDisposable
{
    private const double Megabyte = 1024.0 * 1024.0;
    private static readonly string[] Generations = ["gen-0-size", "gen-1-size", "gen-2-size", "loh-size", "poh-size"];

    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _polling;
    private readonly EventPipeSession? _session;
    private readonly Task _counting = Task.CompletedTask;
    private readonly Dictionary<string, double> _counters = new(StringComparer.Ordinal);
    private ProcStats? _peak;
    private double? _committedMb;
    private double? _liveMb;

    private MemoryProbe(int pid)
    {
        _pid = pid;
        _polling = PollAsync();
        try
        {
            _session = new DiagnosticsClient(pid).StartEventPipeSession(
                new EventPipeProvider(
                    "System.Runtime",
                    EventLevel.Informational,
                    (long)EventKeywords.None,
                    new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }
                ),
                requestRundown: false
            );
            var source = new EventPipeEventSource(_session.EventStream);
            source.Dynamic.All += OnEvent;
            _counting = Task.Run(source.Process);
        }
        catch (ServerNotAvailableException)
        {
            _session = null; // no diagnostics port: /proc alone
        }
    }

    public static MemoryProbe Start(int pid) => new(pid);

    /// <summary>Stops watching; what the peak was made of.</summary>
    public async Task<MemoryPeak?> StopAsync()
    {
        await _stop.CancelAsync();
        await _polling;
        if (_session is not null)
        {
            await _session.StopAsync(CancellationToken.None);
            await _counting;
        }

        return _peak is { } p
            ? new MemoryPeak(
                p.AnonBytes / Megabyte,
                p.FileBytes / Megabyte,
                p.ShmemBytes / Megabyte,
                _committedMb,
                _liveMb
            )
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _session?.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            do
            {
                if (ProcStats.Read(_pid) is { } now && (_peak is null || now.RssBytes > _peak.Value.RssBytes))
                {
                    _peak = now;
                }
            } while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }

    private void OnEvent(TraceEvent e)
    {
        if (
            e.EventName != "EventCounters"
            || e.PayloadValue(0) is not IDictionary<string, object> outer
            || outer["Payload"] is not IDictionary<string, object> payload
        )
        {
            return;
        }

        var value = Convert.ToDouble(
            payload.TryGetValue("Mean", out var mean) ? mean : payload["Increment"],
            System.Globalization.CultureInfo.InvariantCulture
        );
        var name = (string)payload["Name"];
        _counters[name] = value;
        if (name == "gc-committed")
        {
            _committedMb = Math.Max(_committedMb ?? 0, value); // the runtime reports it in MB
        }
        else if (Generations.All(_counters.ContainsKey))
        {
            _liveMb = Math.Max(_liveMb ?? 0, Generations.Sum(g => _counters[g]) / Megabyte);
        }
    }
}

/// <summary>
/// A node's memory at its highest resident sample, in MB: anonymous pages (the GC heap, native allocations),
/// file-backed (the runtime and assemblies mapped), shared (jitted code, mapped twice); and over the whole watch the
/// most the GC had committed and the most its generations held after a collection (null when no counter came: no
/// diagnostics port, or a watch shorter than the counters' second).
/// </summary>
public readonly record struct MemoryPeak(
    double AnonMb,
    double FileMb,
    double SharedMb,
    double? GcCommittedMb,
    double? GcLiveMb
);
