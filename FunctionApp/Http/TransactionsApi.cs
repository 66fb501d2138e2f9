using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Merkle;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>POST /chains/{chain}/transactions</c> (202 once durable; on a replica, forwarded to the BPSC) and
/// <c>GET /chains/{chain}/transactions/{id}</c> (status, block, position and the Merkle inclusion proof).
/// </summary>
public sealed class TransactionsApi(ChainRegistry registry, TransactionIntake intake, PendingStore pending, AccountStore accounts, BlockStore blocks, NodeClient client, NodeSettings settings)
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/chains/{chain}/transactions", (TransactionsApi api, string chain, HttpRequest request, CancellationToken ct) => api.SubmitAsync(chain, request, ct));
        routes.MapGet("/chains/{chain}/transactions/{id}", (TransactionsApi api, string chain, string id, CancellationToken ct) => api.GetAsync(chain, id, ct));
    }

    public Task<IResult> SubmitAsync(string chain, HttpRequest request, CancellationToken cancellationToken) =>
        ReceiveAsync(chain, $"chains/{chain}/transactions", request, acceptance => TypedResults.Accepted($"/chains/{chain}/transactions/{acceptance.Id}", new JsonObject
        {
            ["id"] = acceptance.Id,
            ["status"] = acceptance.Status,
            ["chain"] = chain,
            ["block_index"] = acceptance.BlockIndex,
        }), cancellationToken);

    /// <summary>
    /// The path every submission takes, the article's routes included: 404 for an unknown chain, the body's
    /// 4xx checks, forwarding to the BPSC when this node holds a replica, else durable acceptance answered by
    /// <paramref name="answer"/>.
    /// </summary>
    public Task<IResult> ReceiveAsync(string chain, string forwardPath, HttpRequest request, Func<Acceptance, IResult> answer, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => AcceptOrForwardAsync(chain, forwardPath, request, answer, cancellationToken), cancellationToken);

    private async Task<IResult> AcceptOrForwardAsync(string chain, string forwardPath, HttpRequest request, Func<Acceptance, IResult> answer, CancellationToken cancellationToken)
    {
        var record = await registry.FindAsync(chain, cancellationToken);
        if (record is null)
        {
            return Problems.NotFound($"no chain '{chain}' on this node");
        }

        var (json, problem) = await JsonBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (json is null)
        {
            AcceptanceMetrics.RecordRefused(record, AcceptanceMetrics.Reasons.Malformed);
            return problem!;
        }

        using (json)
        {
            if (!record.IsLocal)
            {
                return await ForwardAsync(record, forwardPath, json.RootElement, cancellationToken);
            }

            using var timer = AcceptanceMetrics.Start(record);
            var (acceptance, refusal) = await AcceptAsync(record, json.RootElement, cancellationToken);
            return acceptance is null ? refusal! : answer(acceptance);
        }
    }

    /// <summary>Validates a body for the chain's kind and accepts it durably.</summary>
    private async Task<(Acceptance? Acceptance, IResult? Problem)> AcceptAsync(ChainRecord chain, JsonElement body, CancellationToken cancellationToken)
    {
        string? error;
        switch (chain.Settings)
        {
            case { Kind: ChainKind.Data }:
                var information = DataRecord.TryRead(body, out error);
                return information is null ? Refused(chain, AcceptanceMetrics.Reasons.Malformed, Problems.BadRequest(error!)) : (await intake.AcceptRecordAsync(chain, information, cancellationToken), null);
            case { Kind: ChainKind.Token, Mode: TokenMode.Open }:
                var transfer = OpenTransfer.TryRead(body, chain.Settings.Decimals, out error);
                return transfer is null ? Refused(chain, AcceptanceMetrics.Reasons.Malformed, Problems.BadRequest(error!)) : (await intake.AcceptTransferAsync(chain, transfer, cancellationToken), null);
            default:
                var signed = SignedTransfer.TryRead(body, chain.Settings, out var rejection);
                if (signed is null)
                {
                    return rejection!.Kind == RejectionKind.Malformed
                        ? Refused(chain, AcceptanceMetrics.Reasons.Malformed, Problems.BadRequest(rejection.Detail))
                        : Refused(chain, AcceptanceMetrics.Reasons.Rule, Problems.Unprocessable(rejection.Detail));
                }

                var (acceptance, refusal) = await intake.AcceptSignedAsync(chain, signed, cancellationToken);
                AcceptanceMetrics.RecordRefused(chain, refusal);
                return refusal is null ? (acceptance, null)
                    : refusal.Reason == RefusalReason.NonceNotNext
                        ? (null, Problems.NonceConflict(refusal.Detail, refusal.ExpectedNonce))
                    : (null, Problems.Unprocessable(refusal.Detail));
        }
    }

    private static (Acceptance?, IResult?) Refused(ChainRecord chain, string reason, IResult problem)
    {
        AcceptanceMetrics.RecordRefused(chain, reason);
        return (null, problem);
    }

    private async Task<IResult> ForwardAsync(ChainRecord chain, string path, JsonElement body, CancellationToken cancellationToken)
    {
        try
        {
            return Relayed.From(await client.RelayAsync(HttpMethod.Post, chain.RemoteUrl!, path, body, cancellationToken));
        }
        catch (HttpRequestException e)
        {
            return Problems.BadGateway($"could not forward to the BPSC at {chain.RemoteUrl}: {e.Message}");
        }
    }

    public Task<IResult> GetAsync(string chain, string id, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => LookUpAsync(chain, id, cancellationToken), cancellationToken);

    private async Task<IResult> LookUpAsync(string chain, string id, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(chain, cancellationToken) is null)
        {
            return Problems.NotFound($"no chain '{chain}' on this node");
        }

        var location = AcceptanceSequence.Locate(id)
            ?? (Hex.IsLowerHex(id, 64) ? await accounts.LocateAsync(chain, id, cancellationToken) : null);
        if (location is null)
        {
            return Problems.NotFound($"no transaction '{id}' on chain '{chain}'");
        }

        var receipt = await pending.FindAsync(chain, location.Value.Shard, id, location.Value.Seq, cancellationToken);
        if (receipt is null)
        {
            return Problems.NotFound($"no transaction '{id}' on chain '{chain}'");
        }

        var json = new JsonObject
        {
            ["id"] = id,
            ["status"] = receipt.Status,
            ["block_index"] = receipt.BlockIndex,
            ["position"] = receipt.Position,
            ["reason"] = receipt.Reason,
        };
        if (receipt.BlockIndex is { } index && receipt.Position is { } position)
        {
            // The block's stored leaf hashes answer with two point reads (cached: they never change once committed);
            // blocks stored before them are read whole. The log index (SPEC §12) = the log size before the block + position.
            var stored = await blocks.ReadProofAsync(chain, index, position, cancellationToken);
            if ((stored is null ? await blocks.ReadLogStartAsync(chain, index, cancellationToken) : stored.LogStart) is { } logStart)
            {
                json["log_index"] = logStart + position;
            }

            if (stored is not null)
            {
                json["proof"] = ProofJson(stored.Proof, stored.Header.Header.MerkleRoot, stored.Header.Hash);
            }
            else if (await blocks.ReadBlockAsync(chain, index, cancellationToken) is { } block)
            {
                json["proof"] = ProofJson(MerkleTree.Prove(BlockForger.LeafHashes(block.Transactions), position), block.Header.MerkleRoot, block.Hash);
            }
        }

        return TypedResults.Ok(json);
    }

    private static JsonObject ProofJson(InclusionProof proof, string merkleRoot, string blockHash) => new()
    {
        ["leaf_index"] = proof.LeafIndex,
        ["tree_size"] = proof.TreeSize,
        ["audit_path"] = new JsonArray(proof.AuditPath.Select(h => (JsonNode)JsonValue.Create(Hex.Encode(h))).ToArray()),
        ["merkle_root"] = merkleRoot,
        ["block_hash"] = blockHash,
    };
}
