using System.Text.Json.Nodes;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Receipts;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>POST /chains/{chain}/transactions</c> (202 once durable; on a replica, forwarded to the BPSC) and
/// <c>GET /chains/{chain}/transactions/{id}</c> (status, block, position and the Merkle inclusion proof). The use
/// cases are <see cref="TransactionAcceptance"/> and <see cref="ReceiptLookup"/>; this maps their outcomes to HTTP.
/// </summary>
public sealed class TransactionsApi(
    ChainRegistry registry,
    TransactionAcceptance acceptance,
    ReceiptLookup receipts,
    NodeSettings settings
)
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost(
            "/chains/{chain}/transactions",
            (TransactionsApi api, string chain, HttpRequest request, CancellationToken ct) =>
                api.SubmitAsync(chain, request, ct)
        );
        routes.MapGet(
            "/chains/{chain}/transactions/{id}",
            (TransactionsApi api, string chain, string id, CancellationToken ct) => api.GetAsync(chain, id, ct)
        );
    }

    public Task<IResult> SubmitAsync(string chain, HttpRequest request, CancellationToken cancellationToken) =>
        SubmissionAnswers.ReceiveAsync(
            registry,
            acceptance,
            settings.MaxBodyBytes,
            chain,
            $"chains/{chain}/transactions",
            request,
            accepted =>
                TypedResults.Accepted(
                    $"/chains/{chain}/transactions/{accepted.Id}",
                    new JsonObject
                    {
                        ["id"] = accepted.Id.Value,
                        ["status"] = accepted.Status,
                        ["chain"] = chain,
                        ["block_index"] = accepted.BlockIndex,
                    }
                ),
            cancellationToken
        );

    public Task<IResult> GetAsync(string chain, string id, CancellationToken cancellationToken) =>
        StorageGuard.AnswerAsync(() => LookUpAsync(chain, id, cancellationToken), cancellationToken);

    private async Task<IResult> LookUpAsync(string chain, string id, CancellationToken cancellationToken)
    {
        if (await registry.FindByRouteAsync(chain, cancellationToken) is not { } record)
        {
            return Problems.UnknownChain(chain);
        }

        var found = TxId.TryParse(id) is { } txId ? await receipts.FindAsync(record.Id, txId, cancellationToken) : null;
        if (found is null)
        {
            return Problems.NotFound($"no transaction '{id}' on chain '{chain}'");
        }

        var receipt = found.Receipt;
        var json = new JsonObject
        {
            ["id"] = id,
            ["status"] = receipt.Status,
            ["block_index"] = receipt.BlockIndex,
            ["position"] = receipt.Position,
            ["reason"] = receipt.Reason,
        };
        if (found.LogIndex is { } logIndex)
        {
            json["log_index"] = logIndex;
        }

        if (found.Proof is { } proof)
        {
            json["proof"] = new JsonObject
            {
                ["leaf_index"] = proof.Proof.LeafIndex,
                ["tree_size"] = proof.Proof.TreeSize,
                ["audit_path"] = new JsonArray(
                    proof.Proof.AuditPath.Select(h => (JsonNode)JsonValue.Create(Hex.Encode(h))).ToArray()
                ),
                ["merkle_root"] = proof.MerkleRoot,
                ["block_hash"] = proof.BlockHash.Value,
            };
        }

        return TypedResults.Ok(json);
    }
}
