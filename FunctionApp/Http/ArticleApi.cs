using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The article's API, unchanged paths and shapes, on the default chains: <c>aka</c> (token) and <c>data</c>
/// (the article's chain2). Anonymous, as in the article; the routes that make the node work are rate-limited per
/// client.
/// </summary>
public sealed class ArticleApi(
    ChainRegistry registry,
    BlockStore blocks,
    TransactionAcceptance acceptance,
    ForgeGate gate,
    ChainStream stream,
    PeerRegistry peers,
    ReplicaSync sync,
    NodeSettings settings,
    ClientRateLimiter limiter
)
{
    public const string TokenChain = "aka";
    public const string DataChain = "data";
    private static readonly ChainId Token = ChainId.Parse(TokenChain);
    private static readonly ChainId Data = ChainId.Parse(DataChain);

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(
            "/transactions/new",
            (ArticleApi api, HttpRequest request, CancellationToken ct) => api.NewTransactionAsync(request, ct)
        );
        routes.MapGet(
            "/mine",
            (ArticleApi api, HttpRequest request, CancellationToken ct) => api.MineAsync(request, ct)
        );
        routes.MapGet("/chain", (ArticleApi api, CancellationToken ct) => api.ChainAsync(TokenChain, "chain", ct));
        routes.MapPost(
            "/nodes/register",
            (ArticleApi api, HttpRequest request, CancellationToken ct) => api.RegisterNodesAsync(request, ct)
        );
        routes.MapGet(
            "/smart/chain",
            (ArticleApi api, HttpRequest request, CancellationToken ct) => api.SmartChainAsync(request, ct)
        );
        routes.MapPost(
            "/information/new",
            (ArticleApi api, HttpRequest request, CancellationToken ct) => api.NewInformationAsync(request, ct)
        );
        routes.MapGet("/chain2", (ArticleApi api, CancellationToken ct) => api.ChainAsync(DataChain, "chain2", ct));
    }

    public Task<IResult> NewTransactionAsync(HttpRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(TokenChain, "transactions/new", "Transaction", request, cancellationToken);

    public Task<IResult> NewInformationAsync(HttpRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(DataChain, "information/new", "information", request, cancellationToken);

    /// <summary>
    /// Forges one block on each default chain (<c>aka</c>, <c>data</c>) this node produces, empty when nothing is
    /// pending, as the article's /mine does. Chains created through <c>POST /chains</c> are never forged here (SPEC
    /// §4): their policy or the admin forge does it, so an anonymous caller cannot drive an admin's chain.
    /// </summary>
    public Task<IResult> MineAsync(HttpRequest request, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => ForgeDefaultChainsAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> ForgeDefaultChainsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (limiter.Refuse(request.HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        var forged = new List<Block>();
        foreach (var id in (ChainId[])[Token, Data])
        {
            if (await registry.FindAsync(id, cancellationToken) is { IsLocal: true } chain)
            {
                var outcome = await gate.ForgeSoonAsync(chain, allowEmpty: true, cancellationToken);
                forged.Add(outcome.Block!);
            }
        }

        // The article answers with the token chain's block; a node that produces no token chain answers with its data
        // chain's.
        var main =
            forged.FirstOrDefault(b => b.Header.Chain == TokenChain)
            ?? forged.FirstOrDefault(b => b.Header.Chain == DataChain)
            ?? forged.FirstOrDefault();
        if (main is null)
        {
            return Problems.Conflict("this node produces no chain: it is a replica only");
        }

        return TypedResults.Ok(
            new JsonObject
            {
                ["message"] = "New Block Forged",
                ["chain"] = main.Header.Chain,
                ["index"] = main.Index,
                ["transactions"] = new JsonArray(main.Transactions.Select(t => JsonNode.Parse(t)).ToArray()),
                ["previous_hash"] = main.Header.PreviousHash,
                ["hash"] = main.Hash,
                ["forged"] = new JsonArray(
                    forged
                        .Select(b =>
                            (JsonNode)
                                new JsonObject
                                {
                                    ["chain"] = b.Header.Chain,
                                    ["index"] = b.Index,
                                    ["hash"] = b.Hash,
                                    ["tx_count"] = b.Header.TxCount,
                                }
                        )
                        .ToArray()
                ),
            }
        );
    }

    public Task<IResult> ChainAsync(string chain, string property, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => StreamChainAsync(chain, property, cancellationToken), cancellationToken);

    private async Task<IResult> StreamChainAsync(string chain, string property, CancellationToken cancellationToken)
    {
        var id = ChainId.Parse(chain);
        if (await registry.FindAsync(id, cancellationToken) is null)
        {
            // A replica that has not reached its BPSC yet serves what it has: nothing (SPEC §9).
            return id == Token && settings.BpscUrl is not null
                ? stream.Whole(id, 0, property)
                : Problems.NotFound($"no chain '{chain}' on this node yet");
        }

        var height = (await blocks.ReadHeadAsync(id, cancellationToken)).Height;
        return stream.Whole(id, height, property);
    }

    public Task<IResult> RegisterNodesAsync(HttpRequest request, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => AddNodesAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> AddNodesAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (limiter.Refuse(request.HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        var (json, problem) = await JsonBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (json is null)
        {
            return problem!;
        }

        using (json)
        {
            var body = json.RootElement;
            if (
                body.ValueKind != JsonValueKind.Object
                || !body.TryGetProperty("nodes", out var nodes)
                || nodes.ValueKind != JsonValueKind.Array
            )
            {
                return Problems.BadRequest(
                    "Error: Please supply a valid list of nodes: {\"nodes\": [\"http://host:port\"]}"
                );
            }

            var unknown = body.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => name != "nodes");
            if (unknown is not null)
            {
                return Problems.BadRequest($"unknown field '{unknown}'; expected only nodes");
            }

            var urls = new List<Uri>();
            foreach (var node in nodes.EnumerateArray())
            {
                var url = PeerRegistry.TryParseNode(
                    node.ValueKind == JsonValueKind.String ? node.GetString() : node.GetRawText(),
                    out var error
                );
                if (url is null)
                {
                    return Problems.BadRequest(error!);
                }

                urls.Add(url);
            }

            if (urls.Count is 0 or > 100)
            {
                return Problems.BadRequest("nodes must list 1–100 URLs");
            }

            if (await peers.TryAddAsync(urls, cancellationToken) is { } full)
            {
                return Problems.Conflict(full);
            }

            var all = await peers.ListAsync(cancellationToken);
            return TypedResults.Created(
                "/nodes",
                new JsonObject
                {
                    ["message"] = "New nodes have been added",
                    ["total_nodes"] = new JsonArray(all.Select(p => (JsonNode)JsonValue.Create(p.HostPort)).ToArray()),
                }
            );
        }
    }

    /// <summary>
    /// Pulls the token chain from its BPSC (verifying everything) and answers with the chain, or why not with the old
    /// one.
    /// </summary>
    public Task<IResult> SmartChainAsync(HttpRequest request, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => PullSmartChainAsync(request, cancellationToken), cancellationToken);

    private async Task<IResult> PullSmartChainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (limiter.Refuse(request.HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        var chain = await registry.FindAsync(Token, cancellationToken);
        if (chain is null && settings.BpscUrl is { } bpsc)
        {
            var discovery = await sync.DiscoverAsync(bpsc, cancellationToken);
            chain = await registry.FindAsync(Token, cancellationToken);
            if (chain is null)
            {
                var why = discovery ?? "the BPSC has no chain 'aka'";
                return stream.Whole(Token, 0, "old chain", Message($"Unsuccessful: {why}"));
            }
        }

        if (chain is null)
        {
            return Problems.UnknownChain(TokenChain);
        }

        if (chain.IsLocal)
        {
            var height = (await blocks.ReadHeadAsync(Token, cancellationToken)).Height;
            var message = Message("This node is the BPSC: its chain is the smart chain");
            return stream.Whole(Token, height, "smart chain", message);
        }

        var report = await sync.SyncAsync(chain, cancellationToken);
        return report.Succeeded
            ? stream.Whole(
                Token,
                report.Height,
                "smart chain",
                Message($"Smart chain update by bpsc: {report.Pulled} new block(s) verified")
            )
            : stream.Whole(Token, report.Height, "old chain", Message($"Unsuccessful: {report.Error}"));
    }

    private Task<IResult> SubmitAsync(
        string chain,
        string path,
        string noun,
        HttpRequest request,
        CancellationToken cancellationToken
    ) =>
        SubmissionAnswers.ReceiveAsync(
            registry,
            acceptance,
            settings.MaxBodyBytes,
            chain,
            path,
            request,
            accepted =>
                TypedResults.Created(
                    $"/chains/{chain}/transactions/{accepted.Id}",
                    new JsonObject
                    {
                        ["message"] = accepted.Forged
                            ? $"{noun} was added to Block {accepted.BlockIndex}"
                            : $"{noun} will be added to Block {accepted.BlockIndex}",
                        ["id"] = accepted.Id.Value,
                    }
                ),
            cancellationToken
        );

    private static Dictionary<string, string> Message(string message) => new() { ["message"] = message };
}
