using System.Globalization;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// What Linux says about a process in /proc: peak and current resident memory (VmHWM, VmRSS), what the current is
/// made of (anonymous: heaps; file-backed: mapped binaries; shared memory: for .NET, its double-mapped jitted code) and
/// CPU time used so far (utime + stime of all its threads).
/// </summary>
public readonly record struct ProcStats(
    long PeakRssBytes,
    long RssBytes,
    long AnonBytes,
    long FileBytes,
    long ShmemBytes,
    TimeSpan Cpu
)
{
    private static readonly Lazy<int> TicksPerSecond = new(ReadClockTicks);

    public double PeakRssMb => PeakRssBytes / (1024.0 * 1024.0);

    public double RssMb => RssBytes / (1024.0 * 1024.0);

    /// <summary>Null when the process is gone.</summary>
    public static ProcStats? Read(int pid)
    {
        try
        {
            var kilobytes = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (
                    line.EndsWith(" kB", StringComparison.Ordinal)
                    && line.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
                )
                {
                    kilobytes[line[..colon]] = Kilobytes(line);
                }
            }

            long Bytes(string field) => kilobytes.GetValueOrDefault(field) * 1024;

            // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are 14 and
            // 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks =
                long.Parse(fields[11], CultureInfo.InvariantCulture)
                + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return new ProcStats(
                Bytes("VmHWM"),
                Bytes("VmRSS"),
                Bytes("RssAnon"),
                Bytes("RssFile"),
                Bytes("RssShmem"),
                TimeSpan.FromSeconds((double)ticks / TicksPerSecond.Value)
            );
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[^2], CultureInfo.InvariantCulture);

    private static int ReadClockTicks()
    {
        try
        {
            using var getconf = System.Diagnostics.Process.Start(
                new System.Diagnostics.ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true }
            )!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return int.TryParse(text, out var ticks) && ticks > 0 ? ticks : 100;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
