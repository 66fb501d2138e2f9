using System.Diagnostics;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Infra;

/// <summary>
/// The Bicep templates under infra/ build and pass every linter rule, through the same script a person runs
/// (docs/deploy.md).
/// </summary>
public sealed class BicepTests
{
    // Generous: the first run restores the Bicep CLI package from NuGet into .tools/.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task TemplatesBuildAndLintWithoutErrorsOrWarnings()
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = TestStorage.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("scripts/bicep.sh");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"scripts/bicep.sh did not finish within {Timeout.TotalMinutes} minutes");
        }

        var report = $"{await stdout}\n{await stderr}";
        Assert.True(process.ExitCode == 0, $"scripts/bicep.sh exited with {process.ExitCode}:\n{report}");
        Assert.Matches(@"(?m)^bicep [0-9.]+: OK - .*: 0 errors, 0 warnings, 0 other messages$", await stdout);
    }
}
