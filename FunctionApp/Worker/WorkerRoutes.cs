using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.Worker;

/// <summary>The HTTP routes the worker's own [Function]s declare, read from their [HttpTrigger]s.</summary>
public static class WorkerRoutes
{
    /// <summary>
    /// The catch-all route of <c>Unmatched</c>: it takes what no other route does, so it is not a route of the API.
    /// </summary>
    public const string CatchAll = "{*path}";

    public static IEnumerable<RouteEntry> Read(Assembly worker) =>
        from type in worker.GetExportedTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null && trigger.Route != CatchAll
        select new RouteEntry(trigger.Route!.Trim('/'), trigger.Methods!.Select(m => m.ToUpperInvariant()).ToList());
}
