using Spectre.Console;

namespace SmartChain.Cli;

/// <summary>
/// Where a command writes and what it reads from its surroundings: results go to <see cref="Out"/> (one
/// value per line, for scripts), errors to <see cref="Error"/>, spinners and progress bars to <see cref="Ui"/>
/// (on standard error, so they never mix into results). Tests give writers and an environment of their own.
/// </summary>
public sealed class CliContext(
    TextWriter output,
    TextWriter error,
    IAnsiConsole ui,
    Func<string, string?> environment,
    string homeDirectory
)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public IAnsiConsole Ui { get; } = ui;

    /// <summary>The user's home directory, where the default wallet lives.</summary>
    public string HomeDirectory { get; } = homeDirectory;

    public string? Env(string name) => environment(name) is { Length: > 0 } value ? value : null;

    /// <summary>The real console, environment and home directory.</summary>
    public static CliContext ForConsole() =>
        new(
            Console.Out,
            Console.Error,
            AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
            Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)
        );

    /// <summary>Plain writers without a terminal: no colours, no live rendering.</summary>
    public static CliContext ForWriters(
        TextWriter output,
        TextWriter error,
        IReadOnlyDictionary<string, string>? environment = null,
        string? homeDirectory = null
    ) =>
        new(
            output,
            error,
            AnsiConsole.Create(
                new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(error),
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                    Interactive = InteractionSupport.No,
                }
            ),
            name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
            homeDirectory ?? Path.GetTempPath()
        );
}
