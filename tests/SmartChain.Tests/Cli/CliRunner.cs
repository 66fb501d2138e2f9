using SmartChain.Cli;

namespace SmartChain.Tests.Cli;

/// <summary>What one in-process run of <c>smartchain</c> printed and returned.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>The value of the first <c>name: value</c> line on standard output.</summary>
    public string? Line(string name) =>
        Out.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .FirstOrDefault(l => l.StartsWith(name + ": ", StringComparison.Ordinal))
            ?[(name.Length + 2)..];

    /// <summary>The <c>error: …</c> line on standard error (which may also carry a spinner's last frame).</summary>
    public string? ErrorLine =>
        Error
            .Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .FirstOrDefault(l => l.StartsWith("error: ", StringComparison.Ordinal));

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}--- error\n{Error}";
}

/// <summary>
/// Runs the real command tree (parser, handlers, HTTP) in-process with its own writers, environment and home
/// directory, so tests see exactly what a user would, without a terminal.
/// </summary>
public static class CliRunner
{
    public static async Task<CliRun> RunAsync(
        string[] args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? home = null
    )
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await SmartChainCli.RunAsync(
            args,
            CliContext.ForWriters(output, error, environment, home ?? Path.GetTempPath())
        );
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
