using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SmartChain.Tests.Functions;

/// <summary>
/// Compiles FunctionApp/Functions/*.cs with Roslyn against the built node (its handlers) and
/// <see cref="WorkerApiShape"/>, as the worker build would with warnings as errors: every handler call
/// names a real method with the right argument types, every using resolves.
/// </summary>
public sealed class FunctionsCompileTests
{
    [Fact]
    public void FunctionsCompileAgainstTheHandlersAndTheWorkerApi()
    {
        var diagnostics = Compile(FunctionDeclarations.ReadSources(SelfHostSurface.FunctionsDirectory));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void CompileCheckCatchesACallToAMissingHandlerMethod()
    {
        var sources = FunctionDeclarations.ReadSources(SelfHostSurface.FunctionsDirectory)
            .Select(s => Path.GetFileName(s.Path) == "GetBlock.cs" ? (s.Path, s.Source.Replace("api.GetAsync(", "api.ReadAsync(", StringComparison.Ordinal)) : s);
        var diagnostics = Compile(sources);
        Assert.Contains(diagnostics, d => d.Contains("GetBlock.cs", StringComparison.Ordinal) && d.Contains("CS1061", StringComparison.Ordinal));
    }

    /// <summary>Errors and warnings of the compilation, as text.</summary>
    private static List<string> Compile(IEnumerable<(string Path, string Source)> sources)
    {
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Source, FunctionDeclarations.ParseOptions, s.Path))
            .Append(CSharpSyntaxTree.ParseText(WorkerApiShape.Source, FunctionDeclarations.ParseOptions, "WorkerApiShape.cs"))
            .Append(CSharpSyntaxTree.ParseText(WorkerApiShape.WebSdkImplicitUsings, FunctionDeclarations.ParseOptions, "GlobalUsings.g.cs"));
        var compilation = CSharpCompilation.Create(
            "SmartChain.FunctionApp.Worker",
            trees,
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToList();
    }

    /// <summary>The runtime, ASP.NET Core and everything the test host loaded from the build output (the node, the domain, Azure SDKs).</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var output = Directory.GetFiles(AppContext.BaseDirectory, "*.dll");
        return platform.Concat(output)
            .Where(path => !Path.GetFileName(path).StartsWith("SmartChain.Tests", StringComparison.Ordinal))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => MetadataReference.CreateFromFile(g.First()));
    }
}
