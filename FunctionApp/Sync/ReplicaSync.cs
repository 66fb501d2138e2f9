using System.Collections.Concurrent;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// Keeps replicas of remote chains: learns a BPSC's token chains and pins each one's public key on first
/// contact, then pulls only the blocks it lacks — from the BPSC or any registered peer, the signature makes
/// the source irrelevant — and verifies every block of a page (hash, signature, Merkle root, entry rules,
/// links) before it stores any. On a mismatch it keeps its own chain and reports why.
/// </summary>
/// <remarks>
/// One sync of a chain runs at a time in a process: callers that come while it runs (the timer, any number of
/// <c>/smart/chain</c> calls) join it and get its report. A run is bounded: SMARTCHAIN_SYNC_ROUND_SECONDS and
/// SMARTCHAIN_SYNC_ROUND_BLOCKS, after which it keeps what it verified and stored and reports that.
/// </remarks>
public sealed class ReplicaSync(
    ChainRegistry registry,
    BlockStore blocks,
    PeerRegistry peers,
    NodeClient client,
    NodeSettings settings,
    ILogger<ReplicaSync> log
)
{
    // two pages are in memory at once: the one verified and the next
    private const int TargetTransactionsPerPage = 10_000;
    private readonly ConcurrentDictionary<ChainId, ChainVerifier> _verifiers = new();
    private readonly ConcurrentDictionary<ChainId, Task<SyncReport>> _running = new();

    /// <summary>
    /// Mirrors every token chain of <paramref name="bpsc"/> not held yet, pinning its key. Null, or why the BPSC could
    /// not be read.
    /// </summary>
    public async Task<string?> DiscoverAsync(Uri bpsc, CancellationToken cancellationToken)
    {
        // Bounded like a sync round: a BPSC listing many chains, each answered slowly, costs at most the budget.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(settings.SyncRoundSeconds));
        try
        {
            foreach (var chain in await client.ListTokenChainsAsync(bpsc, budget.Token))
            {
                if (await registry.FindAsync(chain, budget.Token) is null)
                {
                    var (chainSettings, publicKey, logKey) = await client.GetChainAsync(bpsc, chain, budget.Token);
                    await registry.CreateAsync(chainSettings, bpsc, publicKey, logKey, CancellationToken.None);
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

    /// <summary>What another node can do to a request: be down, time out, answer unreadable or mis-shaped.</summary>
    private static bool IsRemoteFailure(Exception e) =>
        e
            is HttpRequestException
                or TaskCanceledException
                or InvalidDataException
                or System.Text.Json.JsonException
                or KeyNotFoundException
                or InvalidOperationException
                or FormatException;

    /// <summary>
    /// Pulls what <paramref name="chain"/> lacks, or joins the pull of it already running; the caller's token only
    /// stops its own wait.
    /// </summary>
    public Task<SyncReport> SyncAsync(ChainRecord chain, CancellationToken cancellationToken)
    {
        var id = chain.Id;
        while (true)
        {
            if (_running.TryGetValue(id, out var running))
            {
                return running.WaitAsync(cancellationToken);
            }

            var run = new TaskCompletionSource<SyncReport>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_running.TryAdd(id, run.Task))
            {
                _ = RunAsync(chain, run);
                return run.Task.WaitAsync(cancellationToken);
            }
        }
    }

    /// <summary>One bounded run; not joinable once it has its report, so a later caller gets a fresh pull.</summary>
    private async Task RunAsync(ChainRecord chain, TaskCompletionSource<SyncReport> run)
    {
        SyncReport? report = null;
        Exception? failure = null;
        try
        {
            report = await SyncWithinBudgetAsync(chain);
        }
        catch (Exception e)
        {
            failure = e;
        }

        _running.TryRemove(KeyValuePair.Create(chain.Id, run.Task));
        if (report is not null)
        {
            run.SetResult(report);
        }
        else
        {
            run.SetException(failure!);
        }
    }

    private async Task<SyncReport> SyncWithinBudgetAsync(ChainRecord chain)
    {
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(settings.SyncRoundSeconds));
        using var span = SyncMetrics.StartChain(chain.Id);
        var sources = new List<Uri> { chain.RemoteUrl! };
        sources.AddRange((await peers.ListAsync(budget.Token)).Select(p => p.Url).Where(u => u != chain.RemoteUrl));
        string? unreachable = null;
        foreach (var source in sources)
        {
            try
            {
                return await PullAsync(chain, source, budget.Token);
            }
            catch (OperationCanceledException) when (budget.IsCancellationRequested)
            {
                break; // out of time before a page came (e.g. replaying the stored chain): the next round goes on
            }
            catch (Exception e) when (IsRemoteFailure(e))
            {
                unreachable = $"{source} could not serve blocks: {e.Message}";
                log.LogWarning("Chain {Chain}: {Reason}", chain.Id, unreachable);
            }
        }

        var head = await blocks.ReadHeadAsync(chain.Id, CancellationToken.None);
        return new SyncReport(chain.Id, head.Height, 0, unreachable);
    }

    private async Task<SyncReport> PullAsync(ChainRecord chain, Uri source, CancellationToken budget)
    {
        var id = chain.Id;
        var head = await blocks.ReadHeadAsync(id, budget);
        var verifier = await VerifierAsync(chain, head, budget);
        var entryCap = BlockPageReader.EntryCap(chain.Settings);
        var blockBudget = settings.SyncRoundBlocks;
        var pulled = 0;
        // The first page assumes full blocks, so it holds at most TargetTransactionsPerPage transactions whatever
        // the chain; later pages size themselves on what came. (Starting at 100 blocks pulled a 1M-transaction
        // chain of 10,000-transaction blocks as one response: a replica peaked near 2 GB.)
        var limit = Math.Clamp(TargetTransactionsPerPage / chain.Settings.MaxBlockTx, 1, 100);
        // The next page downloads while this one is verified and stored; whatever ends this pull cancels it, so a
        // refused page does not leave the next one downloading.
        using var prefetch = CancellationTokenSource.CreateLinkedTokenSource(budget);
        Task<IReadOnlyList<Block>> Fetch(long from, int count) =>
            client.GetBlocksAsync(source, id, from, count, entryCap, prefetch.Token);
        var next = Fetch(head.Height + 1, Math.Min(limit, blockBudget));
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0)
                {
                    return new SyncReport(id, head.Height, pulled, null);
                }

                page = page.Take(blockBudget - pulled).ToList();
                var left = blockBudget - pulled - page.Count;
                // Size the next page on the largest block seen; a page of empty blocks (a genesis, heartbeats) says
                // nothing about what follows, so the page only doubles.
                var largest = page.Max(b => b.Transactions.Count);
                limit =
                    largest == 0 ? Math.Min(limit * 2, 100) : Math.Clamp(TargetTransactionsPerPage / largest, 1, 100);
                next =
                    left > 0
                        ? Fetch(page[^1].Index + 1, Math.Min(limit, left))
                        : Task.FromResult<IReadOnlyList<Block>>([]);

                var error = Verify(page, verifier);
                if (error is not null)
                {
                    log.LogWarning("Chain {Chain}: refused blocks from {Source}: {Reason}", id, source, error);
                    _verifiers.TryRemove(id, out _);
                    return new SyncReport(id, head.Height, pulled, error);
                }

                SyncMetrics.RecordVerified(id, page.Count, page.Sum(b => (long)b.Transactions.Count));

                foreach (var block in page)
                {
                    // Not under the budget's token: a commit is not abandoned halfway because time ran out.
                    head =
                        await blocks.CommitAsync(block, head, refs: null, followUpDone: true, CancellationToken.None)
                        ?? throw new InvalidOperationException("another sync of this chain is storing the same blocks");
                    pulled++;
                }

                if (left == 0)
                {
                    log.LogInformation("Chain {Chain}: the sync stored its budget of {Blocks} blocks", id, blockBudget);
                    return new SyncReport(id, head.Height, pulled, null) { Complete = false };
                }
            }
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            // Out of time: what was verified is stored; the next round goes on from there.
            log.LogWarning(
                "Chain {Chain}: the sync used its {Seconds} s budget at {Source}",
                id,
                settings.SyncRoundSeconds,
                source
            );
            _verifiers.TryRemove(id, out _);
            return new SyncReport(id, head.Height, pulled, null) { Complete = false };
        }
        catch
        {
            // The verifier may have run ahead of what was stored: start from storage next time.
            _verifiers.TryRemove(id, out _);
            throw;
        }
        finally
        {
            await prefetch.CancelAsync();
            // Observed, so its cancellation or failure is not an unobserved task exception.
            _ = next.ContinueWith(
                static t => t.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted,
                TaskScheduler.Default
            );
        }
    }

    /// <summary>
    /// The chain's verifier, positioned at the stored head: kept between rounds; rebuilt after a restart
    /// (a ledger chain by replaying its stored blocks, so balances and nonces are known again).
    /// </summary>
    private async Task<ChainVerifier> VerifierAsync(
        ChainRecord chain,
        ChainHead head,
        CancellationToken cancellationToken
    )
    {
        var id = chain.Id;
        if (
            _verifiers.TryGetValue(id, out var cached)
            && cached.Height == head.Height
            && cached.HeadHash == head.Hash?.Value
        )
        {
            return cached;
        }

        var key =
            PublicKey.TryParse(chain.BpscPublicKey) ?? throw new InvalidDataException("pinned BPSC key is invalid");
        if (!chain.Settings.IsLedger)
        {
            return _verifiers[id] = ChainVerifier.ResumeAt(chain.Settings, key, head.Height, head.Hash?.Value);
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
