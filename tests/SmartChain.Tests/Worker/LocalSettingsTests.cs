using System.Text.Json;
using System.Text.RegularExpressions;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Worker;

/// <summary>local.settings.sample.json lists every setting a node reads, in the form Core Tools accepts.</summary>
public sealed partial class LocalSettingsTests
{
    private static readonly string Sample = Path.Combine(TestStorage.RepoRoot, "local.settings.sample.json");

    [Fact]
    public void SampleListsEverySmartChainSettingTheCodeReads()
    {
        var read = SettingNamesInCode().ToList();
        Assert.Contains("SMARTCHAIN_STORAGE", read);
        Assert.Contains("SMARTCHAIN_FORGE_SCHEDULE", read);
        var listed = SampleSettingNames();
        var missing = read.Except(listed).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void SampleIsPlainJsonWithStringValuesForTheIsolatedWorker()
    {
        // Core Tools wants strict JSON (no comments) and string values only.
        using var sample = JsonDocument.Parse(
            File.ReadAllText(Sample),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow }
        );
        var root = sample.RootElement;
        Assert.False(root.GetProperty("IsEncrypted").GetBoolean());
        var values = root.GetProperty("Values");
        Assert.All(values.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Contains(
            "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1",
            values.GetProperty("SMARTCHAIN_STORAGE").GetString(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ShellAndJsonCopiesOfAzuritesKeyMatchTheOneInCode()
    {
        // Shell and JSON cannot reference C#: they keep a literal copy of AzuriteDevelopment's key, held equal here.
        using var sample = JsonDocument.Parse(File.ReadAllText(Sample));
        var storage = sample.RootElement.GetProperty("Values").GetProperty("SMARTCHAIN_STORAGE").GetString();
        Assert.Equal(SmartChain.FunctionApp.Hosting.AzuriteDevelopment.DefaultTableStorage, storage);
        var script = File.ReadAllText(Path.Combine(TestStorage.RepoRoot, "scripts", "azurite.sh"));
        var key = SmartChain.FunctionApp.Hosting.AzuriteDevelopment.AccountKey;
        Assert.Contains($"AZURITE_DEV_KEY=\"{key}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalSettingsAreNotCommitted()
    {
        var ignored = File.ReadAllLines(Path.Combine(TestStorage.RepoRoot, ".gitignore")).Select(l => l.Trim());
        Assert.Contains("local.settings.json", ignored);
    }

    public static IReadOnlySet<string> SampleSettingNames()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Sample));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    /// <summary>
    /// Every SMARTCHAIN_* name in the node's code: the settings NodeSettings reads and the timers' %SETTING% schedules.
    /// </summary>
    private static IEnumerable<string> SettingNamesInCode() =>
        Directory
            .GetFiles(Path.Combine(TestStorage.RepoRoot, "FunctionApp"), "*.cs", SearchOption.AllDirectories)
            .Where(path =>
                !path.Contains(
                    $"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
                && !path.Contains(
                    $"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}",
                    StringComparison.Ordinal
                )
            )
            .SelectMany(path => SettingName().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value))
            .Distinct()
            .Order(StringComparer.Ordinal);

    // A quoted name (env("SMARTCHAIN_X")) or a %SMARTCHAIN_X% binding expression; prose in comments does not count.
    [GeneratedRegex("""["%](SMARTCHAIN_[A-Z0-9_]+)["%]""")]
    private static partial Regex SettingName();
}
