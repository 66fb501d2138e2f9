using System.Text.Json.Nodes;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary><c>GET /chains</c>, <c>GET /chains/{chain}</c> and the admin's <c>POST /chains</c>.</summary>
public sealed class ChainsApi(ChainRegistry registry, BlockStore blocks, ChainFactory factory, NodeSettings settings)
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/chains", (ChainsApi api, CancellationToken ct) => api.ListAsync(ct));
        routes.MapGet(
            "/chains/{chain}",
            (ChainsApi api, string chain, CancellationToken ct) => api.GetAsync(chain, ct)
        );
        routes
            .MapPost(
                "/chains",
                (ChainsApi api, HttpRequest request, CancellationToken ct) => api.CreateAsync(request, ct)
            )
            .RequireAdminKey();
    }

    public Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ListChainsAsync(cancellationToken), cancellationToken);

    private async Task<IResult> ListChainsAsync(CancellationToken cancellationToken)
    {
        var chains = new JsonArray();
        foreach (var chain in await registry.ListAsync(cancellationToken))
        {
            chains.Add(ChainInfo.Of(chain, await blocks.ReadHeadAsync(chain.Id, cancellationToken)));
        }

        return TypedResults.Ok(new JsonObject { ["chains"] = chains });
    }

    public Task<IResult> GetAsync(string chain, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => GetChainAsync(chain, cancellationToken), cancellationToken);

    private async Task<IResult> GetChainAsync(string chain, CancellationToken cancellationToken)
    {
        var record = await registry.FindByRouteAsync(chain, cancellationToken);
        return record is null
            ? Problems.UnknownChain(chain)
            : TypedResults.Ok(ChainInfo.Of(record, await blocks.ReadHeadAsync(record.Id, cancellationToken)));
    }

    public Task<IResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => CreateChainAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> CreateChainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, problem) = await JsonBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (json is null)
        {
            return problem!;
        }

        using (json)
        {
            var chainSettings = ChainSettingsJson.TryRead(json.RootElement, out var error);
            if (chainSettings is null)
            {
                return Problems.BadRequest(error!);
            }

            var (record, created) = await factory.CreateLocalAsync(chainSettings, cancellationToken);
            if (!created)
            {
                return Problems.Conflict($"chain '{chainSettings.Id}' already exists");
            }

            var head = await blocks.ReadHeadAsync(record.Id, cancellationToken);
            return TypedResults.Created($"/chains/{record.Id}", ChainInfo.Of(record, head));
        }
    }
}
