using SmartChain.Domain.Crypto;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// What the account routes (<c>/chains/{chain}/accounts/{address}</c> and its <c>/transactions</c>) share: the route
/// values parsed into a ledger chain and an address, and the relay to the BPSC, which answers for accounts on a replica
/// (a replica holds the blocks, not the BPSC's reservations nor its history rows).
/// </summary>
public static class AccountRoute
{
    /// <summary>The ledger chain and address the route names, or the problem that answers instead (404, 400).</summary>
    public static async Task<(ChainRecord? Chain, Address Address, IResult? Problem)> ResolveAsync(
        ChainRegistry registry,
        string chain,
        string address,
        CancellationToken cancellationToken
    )
    {
        var record = await registry.FindByRouteAsync(chain, cancellationToken);
        if (record is null)
        {
            return (null, default, Problems.UnknownChain(chain));
        }

        if (!record.Settings.IsLedger)
        {
            return (null, default, Problems.NotFound($"chain '{chain}' is not a ledger chain: it keeps no accounts"));
        }

        return Address.TryParse(address) is { } parsed
            ? (record, parsed, null)
            : (null, default, Problems.BadRequest("an address is 40 lowercase hex characters"));
    }

    /// <summary>The BPSC's answer to <paramref name="path"/> as it came; 502 when it cannot be asked.</summary>
    public static async Task<IResult> RelayToBpscAsync(
        NodeClient client,
        ChainRecord chain,
        string path,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var answer = await client.RelayAsync(HttpMethod.Get, chain.RemoteUrl!, path, null, cancellationToken);
            return Relayed.From(answer);
        }
        catch (HttpRequestException e)
        {
            return Problems.BadGateway($"could not ask the BPSC at {chain.RemoteUrl}: {e.Message}");
        }
    }
}
