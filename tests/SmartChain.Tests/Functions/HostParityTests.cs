using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Functions;

/// <summary>
/// Keeps the Azure Functions host identical to the self-hosted node without the worker packages: the
/// Functions/*.cs sources, read with Roslyn, against the running node's endpoint table.
/// </summary>
public sealed class HostParityTests(SelfHostSurface selfHost) : IClassFixture<SelfHostSurface>
{
    private static IReadOnlyList<(string Path, string Source)> Sources() => FunctionDeclarations.ReadSources(SelfHostSurface.FunctionsDirectory);

    [Fact]
    public void FunctionSourcesHaveNoSyntaxErrors()
    {
        var sources = Sources();
        Assert.NotEmpty(sources);
        var errors = sources
            .SelectMany(s => CSharpSyntaxTree.ParseText(s.Source, FunctionDeclarations.ParseOptions, s.Path).GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void EveryFunctionIsOneHandlerCallInItsOwnFile()
    {
        var (functions, problems) = FunctionDeclarations.Read(Sources());
        Assert.Empty(problems);
        Assert.Equal(Sources().Count(s => !s.Path.EndsWith("WorkerProgram.cs", StringComparison.Ordinal)), functions.Count);
    }

    [Fact]
    public void FunctionsServeExactlyTheSelfHostsRoutesMethodsAuthAndHandlers()
    {
        // The comparison must have something to compare: the article's routes and the chain API at least.
        Assert.True(selfHost.Endpoints.Count >= 15, $"only {selfHost.Endpoints.Count} self-host endpoints were read");
        Assert.Contains(selfHost.Endpoints, e => e.Admin);
        Assert.Equal(["ScheduledForging", "SyncRound", "WitnessSubmitter"], selfHost.BackgroundHandlers.Order(StringComparer.Ordinal));

        var (functions, problems) = FunctionDeclarations.Read(Sources());
        Assert.Empty(problems);
        Assert.Empty(selfHost.Compare(functions));
    }

    [Fact]
    public void WorkerStartsLikeTheSelfHostWithTimersInPlaceOfBackgroundLoops()
    {
        var selfHost = Invocations(Path.Combine(TestStorage.RepoRoot, "FunctionApp", "Program.cs"));
        var worker = Invocations(Path.Combine(SelfHostSurface.FunctionsDirectory, "WorkerProgram.cs"));
        foreach (var startup in new[] { "AddSmartChain", "GetRequiredService<NodeStartup>", "AddProblemDetails" })
        {
            Assert.Contains(startup, selfHost);
            Assert.Contains(startup, worker);
        }

        Assert.Contains("AddHostedService<ProductionLoop>", selfHost);
        Assert.DoesNotContain(worker, name => name.StartsWith("AddHostedService", StringComparison.Ordinal));
        Assert.Contains("ConfigureFunctionsWebApplication", worker);
    }

    [Fact]
    public void HostJsonServesFunctionsWithoutRoutePrefix()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestStorage.RepoRoot, "host.json")));
        Assert.Equal("2.0", host.RootElement.GetProperty("version").GetString());
        Assert.Equal("", host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
    }

    [Theory]
    [InlineData("GetChain.cs", "AuthorizationLevel.Anonymous", "AuthorizationLevel.Function", "GET /chains/{chain}: GetChain has AuthorizationLevel.Function")]
    [InlineData("ForgeNow.cs", "AuthorizationLevel.Function", "AuthorizationLevel.Anonymous", "POST /chains/{chain}/forge: ForgeNow has AuthorizationLevel.Anonymous")]
    [InlineData("GetBlock.cs", "\"chains/{chain}/blocks/{index}\"", "\"chains/{chain}/block/{index}\"", "GET /chains/{chain}/blocks/{index}: 0 functions serve it")]
    [InlineData("ListChains.cs", "\"get\"", "\"put\"", "ListChains serves PUT /chains, which the self-host does not")]
    [InlineData("Chain2.cs", "\"chain2\", cancellationToken", "\"chain\", cancellationToken", "GET /chain2: Chain2 calls ArticleApi.ChainAsync(DataChain, \"chain\", CancellationToken)")]
    [InlineData("GetTransaction.cs", "api.GetAsync(chain, id,", "api.GetAsync(id, chain,", "GET /chains/{chain}/transactions/{id}: GetTransaction calls")]
    [InlineData("ForgeBlocks.cs", "%SMARTCHAIN_FORGE_SCHEDULE%", "%SMARTCHAIN_FORGE_TIMER%", "ForgeBlocks: schedule setting SMARTCHAIN_FORGE_TIMER is not in local.settings.sample.json")]
    [InlineData("SyncReplicas.cs", "SyncReplicas(SyncRound round)", "SyncReplicas(ReplicaSync round)", "the self-host's background work SyncRound has no timer function")]
    public void ComparisonDetectsAChangedFunction(string file, string find, string replace, string expected)
    {
        var differences = DifferencesAfter(file, find, replace);
        Assert.Contains(differences, d => d.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ComparisonDetectsAMissingFunction()
    {
        var (functions, problems) = FunctionDeclarations.Read(Sources().Where(s => Path.GetFileName(s.Path) != "Mine.cs"));
        Assert.Empty(problems);
        Assert.Contains("GET /mine: 0 functions serve it; expected exactly one", selfHost.Compare(functions));
    }

    [Theory]
    [InlineData("GetChain.cs", "api.GetAsync(chain, cancellationToken);", "Task.FromResult(Results.Ok());")]
    [InlineData("GetChain.cs", "=>\n        api.GetAsync(chain, cancellationToken);", "\n    {\n        var answer = api.GetAsync(chain, cancellationToken);\n        return answer;\n    }")]
    [InlineData("GetChain.cs", "api.GetAsync(chain, cancellationToken);", "new ChainsApi(null!, null!, null!, null!).GetAsync(chain, cancellationToken);")]
    [InlineData("Mine.cs", "[Function(nameof(Mine))]", "[Function(\"mine\")]")]
    [InlineData("SyncReplicas.cs", "%SMARTCHAIN_SYNC_SCHEDULE%", "*/30 * * * * *")]
    [InlineData("ListChains.cs", "public sealed class ListChains(ChainsApi api)", "public sealed class ListChains")]
    public void ShapeCheckRefusesAFunctionThatIsNotOneInjectedHandlerCall(string file, string find, string replace)
    {
        var (_, problems) = FunctionDeclarations.Read(Mutated(file, find, replace));
        Assert.Contains(problems, p => p.StartsWith(file, StringComparison.Ordinal));
    }

    [Fact]
    public void ShapeCheckRefusesTwoFunctionClassesInOneFile()
    {
        var sources = Sources();
        var mine = sources.Single(s => Path.GetFileName(s.Path) == "Mine.cs");
        var chain = sources.Single(s => Path.GetFileName(s.Path) == "Chain.cs");
        var merged = mine.Source + chain.Source[chain.Source.IndexOf("/// <summary>", StringComparison.Ordinal)..];
        var (_, problems) = FunctionDeclarations.Read([(mine.Path, merged)]);
        Assert.Contains("Mine.cs: 2 function classes; one per file", problems);
    }

    /// <summary>The names of the methods a source file calls (generic ones with their type arguments).</summary>
    private static IReadOnlyList<string> Invocations(string path) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(path), FunctionDeclarations.ParseOptions, path).GetRoot()
            .DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(i => i.Expression switch
            {
                MemberAccessExpressionSyntax access => access.Name.ToString(),
                var other => other.ToString(),
            })
            .ToList();

    private IReadOnlyList<string> DifferencesAfter(string file, string find, string replace)
    {
        var (functions, problems) = FunctionDeclarations.Read(Mutated(file, find, replace));
        return [.. problems, .. selfHost.Compare(functions)];
    }

    /// <summary>The real sources with one replacement in one file; the text to replace must be there, so no mutation silently does nothing.</summary>
    private static IReadOnlyList<(string Path, string Source)> Mutated(string file, string find, string replace) =>
        Sources().Select(s =>
        {
            if (Path.GetFileName(s.Path) != file)
            {
                return s;
            }

            Assert.Contains(find, s.Source);
            return (s.Path, s.Source.Replace(find, replace, StringComparison.Ordinal));
        }).ToList();
}
