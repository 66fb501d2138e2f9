using System.Text.Json;
using SmartChain.Cli.Http;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.Domain.Verification;

namespace SmartChain.Cli.Verification;

/// <summary>
/// Downloads a whole chain page by page and verifies every block with the Domain's <see cref="ChainVerifier"/>
/// (<see cref="BlockVerifier"/>'s hash, BPSC signature, Merkle root and entry checks, the link to the previous
/// block, and on ledger chains the replayed ledger rules and supply invariant), stopping at the first failure.
/// Only the BPSC public key is taken on trust, and even that can be pinned by the caller.
/// </summary>
public sealed class ChainAudit(NodeApi api)
{
    public const int PageSize = 100;

    /// <summary>
    /// Chain info fields (SPEC §5) that describe the chain's state, not its settings; the rest must read as settings.
    /// </summary>
    /// <summary>
    /// When set, receives the RFC 6962 leaf hash of every entry verified, in block order: the chain's log leaves
    /// (SPEC §12), from which a checkpoint's root is recomputed.
    /// </summary>
    public List<byte[]>? LeafHashes { get; init; }

    /// <summary>
    /// Verifies <paramref name="chain"/>. <paramref name="onProgress"/> hears (blocks verified, height announced)
    /// after each page. <paramref name="pinnedKey"/>, when given, must equal the key the node announces.
    /// </summary>
    public async Task<AuditReport> RunAsync(
        string chain,
        string? pinnedKey,
        Action<long, long>? onProgress,
        CancellationToken cancellationToken
    )
    {
        var info = await api.GetChainAsync(chain, cancellationToken);
        var report = new AuditReport { Chain = chain, AnnouncedHeight = info.Height };
        if (pinnedKey is not null && pinnedKey != info.BpscPublicKey)
        {
            return report with
            {
                Failure = $"the node announces BPSC key {info.BpscPublicKey}, not the pinned {pinnedKey}",
            };
        }

        using var key = PublicKey.TryParse(info.BpscPublicKey);
        if (key is null)
        {
            return report with { Failure = "bpsc_public_key is not a base64url P-256 SubjectPublicKeyInfo" };
        }

        var settings = ChainInfoFields.TryReadSettings(info.Raw, out var settingsError);
        if (settings is null)
        {
            return report with { Failure = $"the chain's settings are invalid: {settingsError}" };
        }

        var verifier = new ChainVerifier(settings, key);
        long from = 1;
        while (true)
        {
            var page = await api.GetBlocksAsync(chain, from, PageSize, cancellationToken);
            foreach (var json in page.Blocks)
            {
                var block = BlockJson.TryRead(json, out var malformed);
                var failure = block is null ? $"block {report.Blocks + 1}: {malformed}" : verifier.Append(block);
                if (failure is not null)
                {
                    return report with { Failure = failure };
                }

                if (LeafHashes is not null)
                {
                    LeafHashes.AddRange(
                        json.GetProperty("transactions")
                            .EnumerateArray()
                            .Select(entry => MerkleTree.LeafHash(CanonicalJson.ToBytes(entry)))
                    );
                }

                report = report with
                {
                    Blocks = block!.Index,
                    Transactions = report.Transactions + block.Transactions.Count,
                    HeadHash = block.Hash,
                    Supply = verifier.Ledger is { } ledger
                        ? new LedgerSupply(ledger.Minted.ToString(), ledger.Burned.ToString(), ledger.Balances.Count)
                        : null,
                };
            }

            onProgress?.Invoke(report.Blocks, Math.Max(report.Blocks, info.Height));
            if (page.Next is not { } next)
            {
                break;
            }

            // A page that does not advance, or skips blocks, would loop forever or hide blocks.
            if (next != report.Blocks + 1)
            {
                return report with
                {
                    Failure = $"the page from {from} ends at block {report.Blocks} but says next is {next}",
                };
            }

            from = next;
        }

        if (report.Blocks == 0)
        {
            return report with { Failure = "the chain has no blocks, not even genesis" };
        }

        if (report.Blocks < info.Height)
        {
            return report with
            {
                Failure = $"the node announces height {info.Height} but served only {report.Blocks} blocks",
            };
        }

        if (report.Blocks == info.Height && info.HeadHash is not null && info.HeadHash != report.HeadHash)
        {
            return report with
            {
                Failure = $"the node announces head {info.HeadHash} but block {report.Blocks} is {report.HeadHash}",
            };
        }

        return report;
    }
}
