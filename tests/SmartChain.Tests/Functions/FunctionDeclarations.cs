using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SmartChain.Tests.Functions;

/// <summary>What an HTTP trigger declares: route (without leading slash), upper-case methods and the authorization level's name.</summary>
public sealed record HttpBinding(string Route, IReadOnlyList<string> Methods, string AuthLevel);

/// <summary>
/// The one call a host makes into a shared handler: the handler's type, the method, and the arguments
/// normalized so both hosts compare equal (a CancellationToken or HttpRequest parameter by its type, a
/// route value by its name, a constant by its last name, a literal by its text).
/// </summary>
public sealed record HandlerCall(string HandlerType, string Method, IReadOnlyList<string> Arguments)
{
    public bool Equals(HandlerCall? other) =>
        other is not null && HandlerType == other.HandlerType && Method == other.Method && Arguments.SequenceEqual(other.Arguments);

    public override int GetHashCode() => HashCode.Combine(HandlerType, Method, Arguments.Count);

    public override string ToString() => $"{HandlerType}.{Method}({string.Join(", ", Arguments)})";
}

/// <summary>One [Function] as written in FunctionApp/Functions: its trigger and the handler call that is its body.</summary>
public sealed record FunctionDeclaration(string File, string Name, HttpBinding? Http, string? TimerSetting, HandlerCall Call);

/// <summary>
/// Reads the Functions layer's source with Roslyn (the worker packages are not on this machine, so it cannot
/// be compiled here) and checks its shape: one function class per file, <c>[Function(nameof(Class))]</c>,
/// primary-constructor injection, a trigger, and a body that is one call into an injected handler.
/// </summary>
public static class FunctionDeclarations
{
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview);

    public static IReadOnlyList<(string Path, string Source)> ReadSources(string directory) =>
        Directory.GetFiles(directory, "*.cs").Order(StringComparer.Ordinal).Select(path => (path, File.ReadAllText(path))).ToList();

    /// <summary>The functions declared in <paramref name="sources"/>, and every way the sources break the rules above.</summary>
    public static (IReadOnlyList<FunctionDeclaration> Functions, IReadOnlyList<string> Problems) Read(IEnumerable<(string Path, string Source)> sources)
    {
        var functions = new List<FunctionDeclaration>();
        var problems = new List<string>();
        foreach (var (path, source) in sources)
        {
            var file = Path.GetFileName(path);
            var root = CSharpSyntaxTree.ParseText(source, ParseOptions, path).GetCompilationUnitRoot();
            var classes = root.DescendantNodes().OfType<ClassDeclarationSyntax>()
                .Where(c => c.Members.OfType<MethodDeclarationSyntax>().Any(m => Attribute(m.AttributeLists, "Function") is not null))
                .ToList();
            if (classes.Count > 1)
            {
                problems.Add($"{file}: {classes.Count} function classes; one per file");
            }

            foreach (var type in classes)
            {
                var read = ReadClass(file, type, problems);
                if (read is not null)
                {
                    functions.Add(read);
                }
            }
        }

        foreach (var duplicate in functions.GroupBy(f => f.Name).Where(g => g.Count() > 1))
        {
            problems.Add($"function name {duplicate.Key} is declared {duplicate.Count()} times");
        }

        return (functions, problems);
    }

    private static FunctionDeclaration? ReadClass(string file, ClassDeclarationSyntax type, List<string> problems)
    {
        var className = type.Identifier.Text;
        var at = $"{file}: {className}";
        var methods = type.Members.OfType<MethodDeclarationSyntax>().Where(m => Attribute(m.AttributeLists, "Function") is not null).ToList();
        if (methods.Count != 1)
        {
            problems.Add($"{at}: {methods.Count} [Function] methods; one per class");
            return null;
        }

        var method = methods[0];
        var function = Attribute(method.AttributeLists, "Function")!;
        if (function.ArgumentList?.Arguments is not [{ Expression: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "nameof" } } nameOf }]
            || nameOf.ArgumentList.Arguments is not [{ Expression: IdentifierNameSyntax named }] || named.Identifier.Text != className)
        {
            problems.Add($"{at}: the function must be declared as [Function(nameof({className}))]");
            return null;
        }

        var injected = (type.ParameterList?.Parameters ?? default).ToDictionary(p => p.Identifier.Text, p => p.Type!.ToString());
        if (injected.Count == 0)
        {
            problems.Add($"{at}: handlers must come through a primary constructor");
            return null;
        }

        HttpBinding? http = null;
        string? timer = null;
        foreach (var parameter in method.ParameterList.Parameters)
        {
            if (Attribute(parameter.AttributeLists, "HttpTrigger") is { } httpTrigger)
            {
                http = ReadHttp(at, httpTrigger, problems);
            }
            else if (Attribute(parameter.AttributeLists, "TimerTrigger") is { } timerTrigger)
            {
                timer = ReadTimer(at, timerTrigger, problems);
            }
        }

        if (http is null && timer is null)
        {
            problems.Add($"{at}: no HttpTrigger or TimerTrigger parameter (or one that could not be read)");
            return null;
        }

        var call = ReadBody(at, method, injected, requireReturn: http is not null, problems);
        return call is null ? null : new FunctionDeclaration(file, className, http, timer, call);
    }

    private static HttpBinding? ReadHttp(string at, AttributeSyntax trigger, List<string> problems)
    {
        var arguments = trigger.ArgumentList?.Arguments.ToList() ?? [];
        var positional = arguments.Where(a => a.NameEquals is null).ToList();
        var route = arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Route")?.Expression;
        if (positional is not [{ Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.Text: "AuthorizationLevel" } } level }, .. var verbs]
            || verbs.Count == 0 || verbs.Any(v => v.Expression is not LiteralExpressionSyntax)
            || route is not LiteralExpressionSyntax { Token.Value: string routeText })
        {
            problems.Add($"{at}: the trigger must read [HttpTrigger(AuthorizationLevel.X, \"verb\", …, Route = \"…\")] with literals");
            return null;
        }

        var methods = verbs.Select(v => ((string)((LiteralExpressionSyntax)v.Expression).Token.Value!).ToUpperInvariant()).ToList();
        return new HttpBinding(routeText.Trim('/'), methods, level.Name.Identifier.Text);
    }

    private static string? ReadTimer(string at, AttributeSyntax trigger, List<string> problems)
    {
        if (trigger.ArgumentList?.Arguments.FirstOrDefault() is not { NameEquals: null, Expression: LiteralExpressionSyntax { Token.Value: string schedule } }
            || schedule.Length < 3 || schedule[0] != '%' || schedule[^1] != '%')
        {
            problems.Add($"{at}: a timer's schedule must name an app setting, as \"%SETTING%\"");
            return null;
        }

        return schedule[1..^1];
    }

    /// <summary>The body must be exactly one call on an injected handler: <c>=&gt; h.M(…)</c>, <c>{ return [await] h.M(…); }</c> or, for a timer, <c>{ await h.M(…); }</c>.</summary>
    private static HandlerCall? ReadBody(string at, MethodDeclarationSyntax method, Dictionary<string, string> injected, bool requireReturn, List<string> problems)
    {
        ExpressionSyntax? expression = (method.ExpressionBody, method.Body) switch
        {
            ({ } arrow, null) => arrow.Expression,
            (null, { Statements: [ReturnStatementSyntax { Expression: { } returned }] }) => returned,
            (null, { Statements: [ExpressionStatementSyntax { Expression: { } statement }] }) when !requireReturn => statement,
            _ => null,
        };
        if (expression is AwaitExpressionSyntax awaited)
        {
            expression = awaited.Expression;
        }

        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access } invocation
            || !injected.TryGetValue(receiver.Identifier.Text, out var handlerType))
        {
            problems.Add($"{at}: the body must be one call into an injected handler{(requireReturn ? ", returning its result" : "")}");
            return null;
        }

        var parameterTypes = method.ParameterList.Parameters.ToDictionary(p => p.Identifier.Text, p => p.Type!.ToString());
        return new HandlerCall(handlerType, access.Name.Identifier.Text, invocation.ArgumentList.Arguments.Select(a => Normalize(a.Expression, parameterTypes)).ToList());
    }

    /// <summary>An argument as both hosts can agree on it (see <see cref="HandlerCall"/>).</summary>
    public static string Normalize(ExpressionSyntax argument, IReadOnlyDictionary<string, string> parameterTypes) => argument switch
    {
        IdentifierNameSyntax name when parameterTypes.TryGetValue(name.Identifier.Text, out var type) =>
            type is "CancellationToken" or "HttpRequest" ? type : "{" + name.Identifier.Text + "}",
        IdentifierNameSyntax name => name.Identifier.Text,
        MemberAccessExpressionSyntax access => access.Name.Identifier.Text,
        LiteralExpressionSyntax literal => literal.Token.Text,
        _ => argument.ToString(),
    };

    public static AttributeSyntax? Attribute(SyntaxList<AttributeListSyntax> lists, string name) =>
        lists.SelectMany(l => l.Attributes).FirstOrDefault(a => a.Name.ToString() is var n && (n == name || n == name + "Attribute"));
}
