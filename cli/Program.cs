namespace SmartChain.Cli;

/// <summary>
/// The <c>smartchain</c> tool's entry point (not top-level statements, so the type is not the global <c>Program</c>).
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => SmartChainCli.RunAsync(args, CliContext.ForConsole());
}
