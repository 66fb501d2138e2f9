using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;
using SmartChain.Worker;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// Every request no other function takes (the host matches a catch-all route last): 404 problem+json for an
/// unknown path, 405 with <c>Allow</c> for a known path and another method, as the self-host's fallback answers.
/// </summary>
public sealed class Unmatched(RouteTable routes)
{
    [Function(nameof(Unmatched))]
    public IResult Run(
        [HttpTrigger(
            AuthorizationLevel.Anonymous,
            "get",
            "post",
            "put",
            "patch",
            "delete",
            "head",
            "options",
            Route = WorkerRoutes.CatchAll
        )]
            HttpRequest request
    ) => routes.Answer(request);
}
