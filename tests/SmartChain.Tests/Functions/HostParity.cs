namespace SmartChain.Tests.Functions;

/// <summary>
/// Compares the Functions layer with the self-hosted node: the same routes and methods, admin routes at
/// AuthorizationLevel.Function and the rest Anonymous, the same handler call per route, timers for exactly
/// the handlers the self-host's loops drive, and schedules that name settings of local.settings.sample.json.
/// </summary>
public static class HostParity
{
    public const string AdminLevel = "Function";
    public const string PublicLevel = "Anonymous";

    /// <summary>Every difference, one line each; empty when the two hosts are the same.</summary>
    public static IReadOnlyList<string> Compare(
        IReadOnlyList<SelfHostEndpoint> selfHost,
        IReadOnlyDictionary<(string Route, string Method), HandlerCall> selfHostCalls,
        IReadOnlySet<string> backgroundHandlers,
        IReadOnlyList<FunctionDeclaration> functions,
        IReadOnlySet<string> settingNames)
    {
        var differences = new List<string>();
        var http = functions.Where(f => f.Http is not null)
            .SelectMany(f => f.Http!.Methods.Select(m => (Key: (f.Http.Route, Method: m), Function: f)))
            .ToList();

        foreach (var endpoint in selfHost)
        {
            var key = (endpoint.Route, endpoint.Method);
            var matches = http.Where(h => h.Key == key).Select(h => h.Function).ToList();
            if (matches.Count != 1)
            {
                differences.Add($"{endpoint.Method} /{endpoint.Route}: {matches.Count} functions serve it; expected exactly one");
                continue;
            }

            var function = matches[0];
            var expectedLevel = endpoint.Admin ? AdminLevel : PublicLevel;
            if (function.Http!.AuthLevel != expectedLevel)
            {
                differences.Add($"{endpoint.Method} /{endpoint.Route}: {function.Name} has AuthorizationLevel.{function.Http.AuthLevel}; the self-host makes it {(endpoint.Admin ? "an admin" : "a public")} route, so AuthorizationLevel.{expectedLevel}");
            }

            if (!selfHostCalls.TryGetValue(key, out var expectedCall))
            {
                differences.Add($"{endpoint.Method} /{endpoint.Route}: no Map lambda calling a handler was found in FunctionApp/Http for it");
            }
            else if (expectedCall != function.Call)
            {
                differences.Add($"{endpoint.Method} /{endpoint.Route}: {function.Name} calls {function.Call}; the self-host calls {expectedCall}");
            }
        }

        var served = selfHost.Select(e => (e.Route, e.Method)).ToHashSet();
        foreach (var (key, function) in http.Where(h => !served.Contains(h.Key)))
        {
            differences.Add($"{function.Name} serves {key.Method} /{key.Route}, which the self-host does not");
        }

        var timers = functions.Where(f => f.TimerSetting is not null).ToList();
        foreach (var timer in timers)
        {
            if (!settingNames.Contains(timer.TimerSetting!))
            {
                differences.Add($"{timer.Name}: schedule setting {timer.TimerSetting} is not in local.settings.sample.json");
            }

            if (!backgroundHandlers.Contains(timer.Call.HandlerType))
            {
                differences.Add($"{timer.Name}: calls {timer.Call.HandlerType}, which no background service of the self-host drives");
            }
        }

        foreach (var handler in backgroundHandlers.Where(h => timers.All(t => t.Call.HandlerType != h)).Order(StringComparer.Ordinal))
        {
            differences.Add($"the self-host's background work {handler} has no timer function");
        }

        return differences;
    }
}
