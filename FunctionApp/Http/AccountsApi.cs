using System.Text.Json.Nodes;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary><c>GET /chains/{chain}/accounts/{address}</c> on ledger chains: balance as of the last block, reserved by pending transfers, next nonce.</summary>
public sealed class AccountsApi(ChainRegistry registry, AccountStore accounts, NodeClient client)
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapGet("/chains/{chain}/accounts/{address}", (AccountsApi api, string chain, string address, CancellationToken ct) => api.GetAsync(chain, address, ct));

    public Task<IResult> GetAsync(string chain, string address, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ReadAccountAsync(chain, address, cancellationToken), cancellationToken);

    private async Task<IResult> ReadAccountAsync(string chain, string address, CancellationToken cancellationToken)
    {
        var record = await registry.FindAsync(chain, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"no chain '{chain}' on this node");
        }

        if (!record.Settings.IsLedger)
        {
            return Problems.NotFound($"chain '{chain}' is not a ledger chain: it keeps no accounts");
        }

        if (Address.TryParse(address) is null)
        {
            return Problems.BadRequest("an address is 40 lowercase hex characters");
        }

        if (!record.IsLocal)
        {
            // A replica holds the blocks, not the BPSC's reservations: the BPSC answers for the account.
            try
            {
                return Relayed.From(await client.RelayAsync(HttpMethod.Get, record.RemoteUrl!, $"chains/{chain}/accounts/{address}", null, cancellationToken));
            }
            catch (HttpRequestException e)
            {
                return Problems.BadGateway($"could not ask the BPSC at {record.RemoteUrl}: {e.Message}");
            }
        }

        var account = await accounts.ReadAsync(chain, address, cancellationToken);
        return TypedResults.Ok(new JsonObject
        {
            ["address"] = address,
            ["balance"] = account.Balance.ToString(),
            ["reserved"] = account.Reserved.ToString(),
            ["next_nonce"] = account.NextNonce,
        });
    }
}
