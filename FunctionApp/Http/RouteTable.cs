using Microsoft.AspNetCore.Routing.Template;

namespace SmartChain.FunctionApp.Http;

/// <summary>One route a host serves: its template (no leading slash) and the HTTP methods it answers.</summary>
public sealed record RouteEntry(string Template, IReadOnlyCollection<string> Methods);

/// <summary>
/// The answer to a request no route took, computed from the host's own routes so both hosts agree: 405 with
/// <c>Allow</c> when the path is a route's but the method is not, else 404, both application/problem+json.
/// The self-host reads its routes from its endpoint table, the Functions worker from its [HttpTrigger]s.
/// </summary>
public sealed class RouteTable(Func<IEnumerable<RouteEntry>> routes)
{
    private readonly Lazy<IReadOnlyList<(TemplateMatcher Matcher, RouteEntry Route)>> _matchers = new(() =>
        routes().Select(r => (new TemplateMatcher(TemplateParser.Parse(r.Template), []), r)).ToList()
    );

    public IResult Answer(HttpRequest request) => Answer(request.Method, request.Path);

    public IResult Answer(string method, PathString path)
    {
        var allowed = _matchers
            .Value.Where(m => m.Matcher.TryMatch(path, []))
            .SelectMany(m => m.Route.Methods)
            .Select(m => m.ToUpperInvariant())
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        if (allowed.Count == 0)
        {
            return Problems.NotFound($"no route {path}: see /openapi/v1.json for the routes this node serves");
        }

        var allow = string.Join(", ", allowed);
        return new WithAllowHeader(
            allow,
            Problems.Problem(
                405,
                "Method not allowed",
                $"{method.ToUpperInvariant()} is not allowed on {path}; allowed: {allow}"
            )
        );
    }

    /// <summary>A 405 answer: the problem body plus the Allow header RFC 9110 asks for.</summary>
    private sealed class WithAllowHeader(string allow, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Allow = allow;
            return problem.ExecuteAsync(httpContext);
        }
    }
}
