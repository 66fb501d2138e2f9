using System.Diagnostics;
using System.Text.RegularExpressions;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Scripts;

/// <summary>
/// Issue 11, finding 6 (SPEC §2): <c>./run.sh</c> has no well-known admin key. Without SMARTCHAIN_ADMIN_KEY it makes
/// a random key on first run, keeps it in a git-ignored file only its owner can read, and reuses it afterwards.
/// Runs the very function run.sh sources (scripts/admin-key.sh) in a real bash.
/// </summary>
public sealed partial class AdminKeyScriptTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("smartchain-admin-key-").FullName;

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // run.sh is a bash script: Linux and macOS
    public async Task FirstRunMakesARandomPrivateKeyAndLaterRunsReuseIt()
    {
        var dir = Path.Combine(_home, ".smartchain");

        var (createdFirst, first) = await LoadAsync(dir);
        var (createdAgain, again) = await LoadAsync(dir);
        var (_, elsewhere) = await LoadAsync(Path.Combine(_home, "other", ".smartchain"));

        Assert.True(createdFirst);
        Assert.False(createdAgain);
        Assert.Matches(HexKey(), first);
        Assert.Equal(first, again);
        Assert.NotEqual(first, elsewhere);
        Assert.Equal(first, (await File.ReadAllTextAsync(Path.Combine(dir, "admin-key"))).Trim());
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(dir, "admin-key"))
        );
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            File.GetUnixFileMode(dir)
        );
    }

    [Fact]
    public void RunScriptHasNoWellKnownKeyAndKeepsItsKeyOutOfGit()
    {
        var run = File.ReadAllText(Path.Combine(TestStorage.RepoRoot, "run.sh"));
        Assert.DoesNotContain("dev-admin-key", run, StringComparison.Ordinal);
        Assert.Contains("admin_key_load", run, StringComparison.Ordinal);
        Assert.Contains(
            ".smartchain/",
            File.ReadAllLines(Path.Combine(TestStorage.RepoRoot, ".gitignore")).Select(l => l.Trim())
        );
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);

    private static async Task<(bool Created, string Key)> LoadAsync(string dir)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestStorage.RepoRoot,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(
            "set -euo pipefail; source scripts/admin-key.sh; admin_key_load \"$1\"; echo \"$ADMIN_KEY_CREATED "
                + "$SMARTCHAIN_ADMIN_KEY\""
        );
        info.ArgumentList.Add("admin-key-test");
        info.ArgumentList.Add(dir);
        info.Environment.Remove("SMARTCHAIN_ADMIN_KEY");
        using var bash = Process.Start(info)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var error = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0, $"admin_key_load exited {bash.ExitCode}: {error}");
        var parts = output.Trim().Split(' ');
        return (parts[0] == "1", parts[1]);
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex HexKey();
}
