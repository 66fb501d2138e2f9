using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SmartChain.Tests.Support;
using SmartChain.Worker;

namespace SmartChain.Tests.Worker;

/// <summary>One function as the Worker SDK's generated functions.metadata declares it.</summary>
public sealed record DeclaredFunction(
    string Name,
    string Trigger,
    string? Route,
    IReadOnlyList<string> Methods,
    string? AuthLevel,
    string? Schedule
);

/// <summary>
/// The real Functions worker: its build output's functions.metadata, its [Function] classes and its container.
/// </summary>
public static class WorkerAssembly
{
    public static Assembly Assembly => typeof(WorkerServices).Assembly;

    /// <summary>
    /// functions.metadata next to the worker built in the tests' configuration (Release under ./test.sh).
    /// </summary>
    public static string MetadataPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains(
                $"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}",
                StringComparison.Ordinal
            )
                ? "Release"
                : "Debug";
            return Path.Combine(
                TestStorage.RepoRoot,
                "FunctionApp",
                "Worker",
                "bin",
                configuration,
                "net10.0",
                "functions.metadata"
            );
        }
    }

    public static IReadOnlyList<DeclaredFunction> ReadMetadata()
    {
        using var metadata = JsonDocument.Parse(File.ReadAllText(MetadataPath));
        return metadata
            .RootElement.EnumerateArray()
            .Select(function =>
            {
                var trigger = function
                    .GetProperty("bindings")
                    .EnumerateArray()
                    .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
                return new DeclaredFunction(
                    function.GetProperty("name").GetString()!,
                    trigger.GetProperty("type").GetString()!,
                    trigger.TryGetProperty("route", out var route) ? route.GetString() : null,
                    trigger.TryGetProperty("methods", out var methods)
                        ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
                        : [],
                    trigger.TryGetProperty("authLevel", out var auth) ? auth.GetString() : null,
                    trigger.TryGetProperty("schedule", out var schedule) ? schedule.GetString() : null
                );
            })
            .ToList();
    }

    /// <summary>Every public class with a [Function] method, and that method.</summary>
    public static IReadOnlyList<(Type Type, MethodInfo Run)> FunctionClasses() =>
        Assembly
            .GetExportedTypes()
            .SelectMany(t =>
                t.GetMethods().Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null).Select(m => (t, m))
            )
            .ToList();

    /// <summary>
    /// The worker's service container, registered exactly as WorkerProgram registers it, with these settings
    /// (and, when given, <paramref name="clock"/> in place of the system clock, for fake-time tests).
    /// </summary>
    public static IHost BuildHost(IDictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.Configuration.AddInMemoryCollection(settings);
        WorkerServices.Configure(builder);
        if (clock is not null)
        {
            builder.Services.Replace(ServiceDescriptor.Singleton(clock));
        }

        return builder.Build();
    }
}
