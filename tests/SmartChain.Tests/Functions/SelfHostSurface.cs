using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Functions;

/// <summary>
/// The self-hosted node's surface, read once per test class from an in-process node (its endpoint table and
/// background services) and from its Http/*.cs sources (the handler call of each route), plus the names in
/// local.settings.sample.json: everything the Functions layer is compared with.
/// </summary>
public sealed class SelfHostSurface : IAsyncLifetime
{
    private readonly NodeApp _node = new();

    public static string FunctionsDirectory => Path.Combine(TestStorage.RepoRoot, "FunctionApp", "Functions");

    public IReadOnlyList<SelfHostEndpoint> Endpoints { get; private set; } = [];

    public IReadOnlySet<string> BackgroundHandlers { get; private set; } = new HashSet<string>();

    public IReadOnlyDictionary<(string Route, string Method), HandlerCall> HandlerCalls { get; private set; } = new Dictionary<(string, string), HandlerCall>();

    public IReadOnlySet<string> SettingNames { get; private set; } = new HashSet<string>();

    public static IReadOnlySet<string> ReadSettingNames()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestStorage.RepoRoot, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    public IReadOnlyList<string> Compare(IReadOnlyList<FunctionDeclaration> functions) =>
        HostParity.Compare(Endpoints, HandlerCalls, BackgroundHandlers, functions, SettingNames);

    public Task InitializeAsync()
    {
        Endpoints = SelfHostEndpoints.Read(_node.Services);
        BackgroundHandlers = SelfHostEndpoints.BackgroundHandlers(_node.Services);
        HandlerCalls = SelfHostEndpoints.HandlerCalls(FunctionDeclarations.ReadSources(Path.Combine(TestStorage.RepoRoot, "FunctionApp", "Http")));
        SettingNames = ReadSettingNames();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();
}
