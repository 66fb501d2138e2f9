using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Where a route's <c>{chain}</c> text becomes a chain: the wire edge. Text that is not a chain id names no chain, so
/// it answers as an unknown chain does (404), as it always has.
/// </summary>
public static class RouteChains
{
    public static async Task<ChainRecord?> FindByRouteAsync(
        this ChainRegistry registry,
        string chain,
        CancellationToken cancellationToken
    ) => ChainId.TryParse(chain) is { } id ? await registry.FindAsync(id, cancellationToken) : null;
}
