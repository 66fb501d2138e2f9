using System.Collections.Concurrent;
using System.Diagnostics;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// A process the bench started: its output is drained (a full pipe would stall it), the last lines kept
/// for error reports, and watched phrases timestamped on arrival, so a phase inside the process (e.g. a
/// replica's sync between two log lines) can be timed from outside. Killed with its tree on dispose.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private const int KeptLines = 200;
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Dictionary<string, TaskCompletionSource<TimeSpan>> _watched;

    static ChildProcess()
    {
        // However the bench ends (an exception, Ctrl-C), nothing it started outlives it.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    private ChildProcess(Process process, IReadOnlyList<string> watch)
    {
        _process = process;
        Id = process.Id;
        Live[Id] = process;
        _watched = watch.ToDictionary(
            w => w,
            _ => new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously)
        );
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Time since the bench started, the clock of every watched line.</summary>
    public static TimeSpan Now => Clock.Elapsed;

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public int Id { get; }

    public bool HasExited => _process.HasExited;

    public TimeSpan StartedAt { get; private init; }

    public static ChildProcess Start(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? env = null,
        IReadOnlyList<string>? watch = null
    )
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var startedAt = Now;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        return new ChildProcess(process, watch ?? []) { StartedAt = startedAt };
    }

    /// <summary>When a line containing <paramref name="phrase"/> (registered at start) first arrived.</summary>
    public Task<TimeSpan> SeenAsync(string phrase) => _watched[phrase].Task;

    public ProcStats? Stats() => ProcStats.Read(Id);

    public string Tail() => string.Join(Environment.NewLine, _tail);

    public string ExitDescription() => _process.HasExited ? $"exited with {_process.ExitCode}" : "still running";

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        Live.TryRemove(Id, out _);
        _process.Dispose();
    }

    private static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var at = Now;
        foreach (var (phrase, seen) in _watched)
        {
            if (!seen.Task.IsCompleted && line.Contains(phrase, StringComparison.Ordinal))
            {
                seen.TrySetResult(at);
            }
        }

        _tail.Enqueue(line);
        while (_tail.Count > KeptLines && _tail.TryDequeue(out _)) { }
    }
}
