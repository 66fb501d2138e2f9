using System.Reflection;
using Microsoft.AspNetCore.Routing;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Http;

namespace SmartChain.Tests.Functions;

/// <summary>One route of the self-hosted node as it actually serves it.</summary>
public sealed record SelfHostEndpoint(string Route, string Method, bool Admin);

/// <summary>The self-hosted node's surface: its endpoint table at run time, the handler call each Map lambda makes, and what its background loops drive.</summary>
public static class SelfHostEndpoints
{
    /// <summary>
    /// Every (route, method) of the API the running node serves, from its EndpointDataSource; admin = carries
    /// <see cref="AdminRouteMetadata"/>. The OpenAPI document (<c>/openapi/…</c>) describes the API rather than
    /// being part of it, and only the self-host serves it (docs/deploy.md says so); so is <c>/metrics</c>, the
    /// self-host's Prometheus scrape (the worker exports by configuration instead, docs/operations.md).
    /// </summary>
    public static IReadOnlyList<SelfHostEndpoint> Read(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("openapi/", StringComparison.Ordinal))
            .Where(e => e.RoutePattern.RawText!.Trim('/') != "metrics")
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new SelfHostEndpoint(e.RoutePattern.RawText!.Trim('/'), m.ToUpperInvariant(), e.Metadata.GetMetadata<AdminRouteMetadata>() is not null)))
            .ToList();

    /// <summary>
    /// The handler types the node's own background services drive (ProductionLoop → ScheduledForging,
    /// SyncLoop → SyncRound): what the Functions host's timers must call. Settings are not handlers.
    /// </summary>
    public static IReadOnlySet<string> BackgroundHandlers(IServiceProvider services)
    {
        var node = typeof(NodeSettings).Assembly;
        return services.GetServices<IHostedService>()
            .Select(s => s.GetType())
            .Where(t => t.Assembly == node)
            .SelectMany(t => t.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Single().GetParameters())
            .Select(p => p.ParameterType)
            .Where(t => t.Assembly == node && t != typeof(NodeSettings))
            .Select(t => t.Name)
            .ToHashSet();
    }

    /// <summary>
    /// The call each <c>routes.MapX("/route", (Api api, …) =&gt; api.Method(…))</c> in the Http/*.cs sources
    /// makes, keyed by (route without leading slash, upper-case method).
    /// </summary>
    public static IReadOnlyDictionary<(string Route, string Method), HandlerCall> HandlerCalls(IEnumerable<(string Path, string Source)> sources)
    {
        var calls = new Dictionary<(string, string), HandlerCall>();
        foreach (var (path, source) in sources)
        {
            var root = CSharpSyntaxTree.ParseText(source, FunctionDeclarations.ParseOptions, path).GetCompilationUnitRoot();
            foreach (var map in root.DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (map.Expression is not MemberAccessExpressionSyntax { Name.Identifier.Text: var mapName } || !mapName.StartsWith("Map", StringComparison.Ordinal)
                    || map.ArgumentList.Arguments is not [{ Expression: LiteralExpressionSyntax { Token.Value: string route } }, { Expression: ParenthesizedLambdaExpressionSyntax lambda }]
                    || lambda.ExpressionBody is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } call)
                {
                    continue;
                }

                var parameterTypes = lambda.ParameterList.Parameters.ToDictionary(p => p.Identifier.Text, p => p.Type!.ToString());
                if (!parameterTypes.TryGetValue(receiver.Identifier.Text, out var handlerType))
                {
                    continue;
                }

                var method = mapName["Map".Length..].ToUpperInvariant();
                var arguments = call.ArgumentList.Arguments.Select(a => FunctionDeclarations.Normalize(a.Expression, parameterTypes)).ToList();
                calls[(route.Trim('/'), method)] = new HandlerCall(handlerType, access.Name.Identifier.Text, arguments);
            }
        }

        return calls;
    }
}
