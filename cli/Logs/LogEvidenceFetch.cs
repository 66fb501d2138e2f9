using System.Text.Json;
using SmartChain.Cli.Http;
using SmartChain.Domain.Log;

namespace SmartChain.Cli.Logs;

/// <summary>
/// Fetches <see cref="LogEvidence"/> from a node: the chain's log key, its checkpoint as served (cosignatures
/// included), a consistency proof from the size this wallet accepted before, and for a receipt the entry and its
/// inclusion proof. It checks nothing beyond the shapes; <see cref="LogVerification"/> does.
/// </summary>
public static class LogEvidenceFetch
{
    public static async Task<LogEvidence> FetchAsync(
        NodeApi api,
        string chain,
        AcceptedCheckpoints store,
        string? receiptId,
        CancellationToken cancellationToken
    )
    {
        var info = await api.GetChainAsync(chain, cancellationToken);
        if (!info.Raw.TryGetProperty("log_verifier_key", out var vkey) || vkey.ValueKind != JsonValueKind.String)
        {
            throw new CliFailure($"chain '{chain}' on {api.BaseUrl} has no log_verifier_key: it is not a log");
        }

        var last = store.Load(AcceptedCheckpoints.OriginOf(vkey.GetString()!));
        var note = await api.GetCheckpointAsync(chain, cancellationToken);
        var checkpoint = SignedNote.TryParse(note) is { } parsed ? Checkpoint.TryParse(parsed.Text) : null;
        if (checkpoint is null)
        {
            throw new CliFailure($"{api.BaseUrl} serves no C2SP checkpoint for chain '{chain}'");
        }

        ConsistencyEvidence? consistency = null;
        var lastSize =
            last is not null && SignedNote.TryParse(last.Note) is { } kept
                ? Checkpoint.TryParse(kept.Text)?.Size ?? 0
                : 0;
        if (lastSize > 0 && lastSize < checkpoint.Size)
        {
            consistency = new ConsistencyEvidence(
                lastSize,
                await api.GetProofAsync(chain, "consistency", lastSize, checkpoint.Size, cancellationToken)
            );
        }

        var receipt = receiptId is null
            ? null
            : await ReceiptAsync(api, chain, receiptId, checkpoint.Size, cancellationToken);
        return new LogEvidence(api.BaseUrl.AbsoluteUri, chain, vkey.GetString()!, note, consistency, receipt);
    }

    private static async Task<ReceiptEvidence> ReceiptAsync(
        NodeApi api,
        string chain,
        string id,
        long size,
        CancellationToken cancellationToken
    )
    {
        var receipt = await api.GetReceiptAsync(chain, id, cancellationToken);
        if (
            receipt.Status != ReceiptInfo.Included
            || receipt.BlockIndex is not { } block
            || receipt.Position is not { } position
            || receipt.LogIndex is not { } logIndex
        )
        {
            throw new CliFailure($"transaction {id} is {receipt.Status}, not included in a block with a log index");
        }

        if (logIndex >= size)
        {
            throw new CliFailure($"transaction {id} is at log index {logIndex}, past the checkpoint's size {size}");
        }

        var blockJson = await api.GetBlockAsync(chain, block, cancellationToken);
        if (
            !blockJson.TryGetProperty("transactions", out var entries)
            || entries.ValueKind != JsonValueKind.Array
            || position < 0
            || position >= entries.GetArrayLength()
        )
        {
            throw new CliFailure($"block {block} as served has no entry at position {position}");
        }

        var hashes = await api.GetProofAsync(chain, "inclusion", logIndex, size, cancellationToken);
        return new ReceiptEvidence(id, logIndex, entries[position].Clone(), hashes);
    }
}
