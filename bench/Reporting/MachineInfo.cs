using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace SmartChain.Bench.Reporting;

/// <summary>
/// The machine a run measured: every figure is only meaningful beside it (and beside what else was running).
/// </summary>
public sealed record MachineInfo(
    int Cores,
    string CpuModel,
    double RamGb,
    string Os,
    string Kernel,
    string Dotnet,
    string LoadAverage
)
{
    public string Summary =>
        $"{Cores} cores ({CpuModel}), {RamGb:0.#} GB RAM, {Os}, {Dotnet}, load average at start {LoadAverage}";

    public static MachineInfo Read() =>
        new(
            Environment.ProcessorCount,
            FirstValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
            double.TryParse(FirstValue("/proc/meminfo", "MemTotal")?.Split(' ')[0], out var kb) ? kb / 1024 / 1024 : 0,
            OsName(),
            ReadOrEmpty("/proc/sys/kernel/osrelease"),
            RuntimeInformation.FrameworkDescription,
            string.Join(' ', ReadOrEmpty("/proc/loadavg").Split(' ').Take(3))
        );

    public JsonObject ToJson() =>
        new()
        {
            ["cores"] = Cores,
            ["cpu_model"] = CpuModel,
            ["ram_gb"] = Math.Round(RamGb, 1),
            ["os"] = Os,
            ["kernel"] = Kernel,
            ["dotnet"] = Dotnet,
            ["load_average_at_start"] = LoadAverage,
        };

    private static string OsName() =>
        FirstValue("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;

    private static string? FirstValue(string file, string key, char separator = ':')
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Where(line =>
                line.StartsWith(key, StringComparison.Ordinal) && line.Contains(separator, StringComparison.Ordinal)
            )
            .Select(line => line[(line.IndexOf(separator, StringComparison.Ordinal) + 1)..].Trim())
            .FirstOrDefault();
    }

    private static string ReadOrEmpty(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : "";
}
