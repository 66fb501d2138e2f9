using SmartChain.Domain.Blocks;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// Keeps replicas of remote chains: learns a BPSC's token chains and pins each one's public key on first
/// contact, then pulls only the blocks it lacks — from the BPSC or any registered peer, the signature makes
/// the source irrelevant — and verifies every block of a page (hash, signature, Merkle root, entry rules,
/// links) before it stores any. On a mismatch it keeps its own chain and reports why.
/// </summary>
public sealed class ReplicaSync(ChainRegistry registry, BlockStore blocks, PeerRegistry peers, NodeClient client, ILogger<ReplicaSync> log)
{
    private const int TargetTransactionsPerPage = 10_000;  // two pages are in memory at once: the one verified and the next
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ChainVerifier> _verifiers = new();

    /// <summary>Mirrors every token chain of <paramref name="bpsc"/> not held yet, pinning its key. Null, or why the BPSC could not be read.</summary>
    public async Task<string?> DiscoverAsync(Uri bpsc, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var chain in await client.ListTokenChainsAsync(bpsc, cancellationToken))
            {
                if (await registry.FindAsync(chain, cancellationToken) is null)
                {
                    var (settings, publicKey, logKey) = await client.GetChainAsync(bpsc, chain, cancellationToken);
                    await registry.CreateAsync(settings, bpsc, publicKey, logKey, cancellationToken);
                    log.LogInformation("Mirroring chain {Chain} of {Bpsc}, BPSC key pinned", chain, bpsc);
                }
            }

            return null;
        }
        catch (Exception e) when (IsRemoteFailure(e))
        {
            log.LogWarning("Could not list the chains of the BPSC at {Bpsc}: {Reason}", bpsc, e.Message);
            return $"could not reach the BPSC at {bpsc}: {e.Message}";
        }
    }

    /// <summary>What another node can do to a request: be down, time out, or answer something unreadable.</summary>
    private static bool IsRemoteFailure(Exception e) =>
        e is HttpRequestException or TaskCanceledException or InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException;

    public async Task<SyncReport> SyncAsync(ChainRecord chain, CancellationToken cancellationToken)
    {
        var sources = new List<Uri> { chain.RemoteUrl! };
        sources.AddRange((await peers.ListAsync(cancellationToken)).Select(p => p.Url).Where(u => u != chain.RemoteUrl));
        string? unreachable = null;
        foreach (var source in sources)
        {
            try
            {
                return await PullAsync(chain, source, cancellationToken);
            }
            catch (Exception e) when (IsRemoteFailure(e) || e is InvalidOperationException)
            {
                unreachable = $"{source} could not serve blocks: {e.Message}";
                log.LogWarning("Chain {Chain}: {Reason}", chain.Id, unreachable);
            }
        }

        var head = await blocks.ReadHeadAsync(chain.Id.Value, cancellationToken);
        return new SyncReport(chain.Id.Value, head.Height, 0, unreachable);
    }

    private async Task<SyncReport> PullAsync(ChainRecord chain, Uri source, CancellationToken cancellationToken)
    {
        var id = chain.Id.Value;
        var head = await blocks.ReadHeadAsync(id, cancellationToken);
        var verifier = await VerifierAsync(chain, head, cancellationToken);
        var pulled = 0;
        // The first page assumes full blocks, so it holds at most TargetTransactionsPerPage transactions whatever
        // the chain; later pages size themselves on what came. (Starting at 100 blocks pulled a 1M-transaction
        // chain of 10,000-transaction blocks as one response: a replica peaked near 2 GB.)
        var limit = Math.Clamp(TargetTransactionsPerPage / chain.Settings.MaxBlockTx, 1, 100);
        try
        {
            // The next page downloads while this one is verified and stored.
            var next = client.GetBlocksAsync(source, id, head.Height + 1, limit, cancellationToken);
            while (true)
            {
                var page = await next;
                if (page.Count == 0)
                {
                    return new SyncReport(id, head.Height, pulled, null);
                }

                // Size the next page on the largest block seen; a page of empty blocks (a genesis, heartbeats) says
                // nothing about what follows, so the page only doubles.
                var largest = page.Max(b => b.Transactions.Count);
                limit = largest == 0 ? Math.Min(limit * 2, 100) : Math.Clamp(TargetTransactionsPerPage / largest, 1, 100);
                next = client.GetBlocksAsync(source, id, page[^1].Index + 1, limit, cancellationToken);

                var error = Verify(page, verifier);
                if (error is not null)
                {
                    log.LogWarning("Chain {Chain}: refused blocks from {Source}: {Reason}", id, source, error);
                    _verifiers.TryRemove(id, out _);
                    return new SyncReport(id, head.Height, pulled, error);
                }

                foreach (var block in page)
                {
                    head = await blocks.CommitAsync(block, head, refs: null, followUpDone: true, cancellationToken)
                        ?? throw new InvalidOperationException("another sync of this chain is storing the same blocks");
                    pulled++;
                }
            }
        }
        catch
        {
            // The verifier may have run ahead of what was stored: start from storage next time.
            _verifiers.TryRemove(id, out _);
            throw;
        }
    }

    /// <summary>
    /// The chain's verifier, positioned at the stored head: kept between rounds; rebuilt after a restart
    /// (a ledger chain by replaying its stored blocks, so balances and nonces are known again).
    /// </summary>
    private async Task<ChainVerifier> VerifierAsync(ChainRecord chain, ChainHead head, CancellationToken cancellationToken)
    {
        var id = chain.Id.Value;
        if (_verifiers.TryGetValue(id, out var cached) && cached.Height == head.Height && cached.HeadHash == head.Hash)
        {
            return cached;
        }

        var key = PublicKey.TryParse(chain.BpscPublicKey) ?? throw new InvalidDataException("pinned BPSC key is invalid");
        if (!chain.Settings.IsLedger)
        {
            return _verifiers[id] = ChainVerifier.ResumeAt(chain.Settings, key, head.Height, head.Hash);
        }

        var verifier = new ChainVerifier(chain.Settings, key);
        await foreach (var block in blocks.ReadBlocksAsync(id, 1, head.Height, cancellationToken))
        {
            if (verifier.Append(block) is { } error)
            {
                throw new InvalidDataException($"the stored replica no longer verifies: {error}");
            }
        }

        return _verifiers[id] = verifier;
    }

    /// <summary>Contents in parallel (the signatures dominate), then links and ledger rules in order.</summary>
    private static string? Verify(IReadOnlyList<Block> page, ChainVerifier verifier)
    {
        var prepared = new PreparedBlock[page.Count];
        Parallel.For(0, page.Count, i => prepared[i] = verifier.Prepare(page[i]));
        return prepared.Select(verifier.Append).FirstOrDefault(error => error is not null);
    }
}
