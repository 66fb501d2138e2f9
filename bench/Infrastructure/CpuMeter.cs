using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// CPU used by named processes over a window, in cores (1.0 = one core busy the whole window): tells which
/// process saturates the machine during a measurement, so a missed target can be explained by measurement.
/// </summary>
public sealed class CpuMeter
{
    private readonly List<(string Name, int Pid, TimeSpan Start)> _processes = [];
    private long _startTimestamp;

    public static CpuMeter Of(params (string Name, int Pid)[] processes)
    {
        var meter = new CpuMeter();
        foreach (var (name, pid) in processes)
        {
            meter._processes.Add((name, pid, TimeSpan.Zero));
        }

        return meter;
    }

    public void Start()
    {
        for (var i = 0; i < _processes.Count; i++)
        {
            _processes[i] = _processes[i] with { Start = ProcStats.Read(_processes[i].Pid)?.Cpu ?? TimeSpan.Zero };
        }

        _startTimestamp = Stopwatch.GetTimestamp();
    }

    /// <summary>What the last <see cref="Stop"/> measured.</summary>
    public CpuUse? Last { get; private set; }

    /// <summary>Cores used per process since <see cref="Start"/>.</summary>
    public CpuUse Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var cores = new Dictionary<string, double>();
        foreach (var (name, pid, start) in _processes)
        {
            var now = ProcStats.Read(pid)?.Cpu;
            cores[name] = now is null || wall <= 0 ? double.NaN : (now.Value - start).TotalSeconds / wall;
        }

        return Last = new CpuUse(cores, Environment.ProcessorCount);
    }
}

/// <summary>Cores each process used over a window, of <see cref="MachineCores"/>.</summary>
public sealed record CpuUse(IReadOnlyDictionary<string, double> Cores, int MachineCores)
{
    /// <summary>
    /// CPU microseconds <paramref name="process"/> spent per operation, over a window of <paramref name="seconds"/>
    /// with <paramref name="operations"/> done.
    /// </summary>
    public double MicrosecondsPerOperation(string process, double seconds, long operations) =>
        operations == 0 ? double.NaN : Cores[process] * seconds * 1e6 / operations;

    public override string ToString() =>
        "CPU " + string.Join(", ", Cores.Select(c => $"{c.Key} {c.Value:0.00}")) + $" cores of {MachineCores}";

    public JsonObject ToJson()
    {
        var json = new JsonObject { ["machine_cores"] = MachineCores };
        foreach (var (name, cores) in Cores)
        {
            json[name] = double.IsNaN(cores) ? null : Math.Round(cores, 3);
        }

        return json;
    }
}
