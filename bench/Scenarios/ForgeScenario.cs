using System.Diagnostics;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenario 3: how long the BPSC takes to forge, sign and commit one block of N pending open transfers, using
/// the FunctionApp's own BlockProducer in process on the bench's Azurite. The total is the real
/// <c>BlockProducer.ForgeAsync</c>; the phases come from a replay of the same public store calls in the same
/// order on a second, identically filled chain (production code is not instrumented).
/// </summary>
public sealed class ForgeScenario : IBenchScenario
{
    private const string Name = "forge";
    private const string FollowUp = "follow-up";

    public string Key => Name;

    public string Title => "Forge: BlockProducer.ForgeAsync of N pending transactions (in process)";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        // JIT and connection warm-up: the first forge of a process pays for both, and no measured size should.
        await InFreshTablesAsync(
            context,
            node => ForgeAfterFillAsync(node, 100, cancellationToken: cancellationToken),
            cancellationToken
        );
        await InFreshTablesAsync(
            context,
            node => ReplayAfterFillAsync(node, 100, cancellationToken),
            cancellationToken
        );

        foreach (var size in context.Options.ForgeSizes)
        {
            var totals = new List<double>();
            var fills = new List<double>();
            var replays = new List<Dictionary<string, double>>();
            for (var r = 0; r < context.Options.ForgeRepeat; r++)
            {
                var (fill, total) = await InFreshTablesAsync(
                    context,
                    node => ForgeAfterFillAsync(node, size, cancellationToken: cancellationToken),
                    cancellationToken
                );
                fills.Add(fill);
                totals.Add(total);
                replays.Add(
                    await InFreshTablesAsync(
                        context,
                        node => ReplayAfterFillAsync(node, size, cancellationToken),
                        cancellationToken
                    )
                );
            }

            var phases = replays[0]
                .Keys.ToDictionary(phase => phase, phase => Stats.Median(replays.Select(p => p[phase]).ToList()));
            var toCommit = Stats.Median(
                replays.Select(p => p.Where(x => x.Key != FollowUp).Sum(x => x.Value)).ToList()
            );
            var median = Stats.Median(totals);
            var fillRate = size / (Stats.Median(fills) / 1000);
            context.Report.Figure($"forge.total_ms.{size}", median);
            context.Report.Figure($"forge.commit_ms.{size}", toCommit);
            context.Report.Add(
                Name,
                $"block of {size:N0}",
                $"{median:N0} ms",
                $"ForgeAsync, median of {totals.Count}; replayed phases: "
                    + $"{string.Join(", ", phases.Select(p => $"{p.Key} {p.Value:N0}"))} ms (committed after "
                    + $"{toCommit:N0} ms); pending filled at {fillRate:N0} entries/s"
            );
            var json = new JsonObject
            {
                ["size"] = size,
                ["total_ms"] = new JsonArray(
                    totals.Select(t => (JsonNode)JsonValue.Create(Math.Round(t, 2))).ToArray()
                ),
                ["median_ms"] = Math.Round(median, 2),
                ["to_commit_median_ms"] = Math.Round(toCommit, 2),
                ["phases_median_ms"] = new JsonObject(
                    phases.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(Math.Round(p.Value, 2))))
                ),
                ["fill_entries_per_s"] = Math.Round(fillRate, 1),
            };
            context.Report.Detail(Name, size.ToString(System.Globalization.CultureInfo.InvariantCulture), json);
        }
    }

    /// <summary>
    /// Runs one measurement in tables of its own, dropped afterwards: Azurite's deletes cost time in proportion
    /// to the table's size, so a forge must not pay for rows an earlier measurement left behind.
    /// </summary>
    private static async Task<T> InFreshTablesAsync<T>(
        BenchContext context,
        Func<InProcessNode, Task<T>> measure,
        CancellationToken cancellationToken
    )
    {
        var prefix = BenchContext.UniquePrefix("bf");
        try
        {
            await using var node = await InProcessNode.StartAsync(
                context.Azurite.ConnectionString,
                prefix,
                cancellationToken
            );
            // Opens the client's connections (16 shard reads at once) on a chain of its own, so the measured forge
            // finds them open.
            await ForgeAfterFillAsync(node, 32, "warm-up", cancellationToken);
            return await measure(node);
        }
        finally
        {
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    /// <summary>
    /// Fills the pending table with <paramref name="size"/> transfers, then times BlockProducer.ForgeAsync: (fill ms,
    /// forge ms).
    /// </summary>
    private static async Task<(double Fill, double Forge)> ForgeAfterFillAsync(
        InProcessNode node,
        int size,
        string chainId = "forge",
        CancellationToken cancellationToken = default
    )
    {
        var (chain, source) = await CreateChainAsync(node, chainId, cancellationToken);
        var fill = await FillAsync(node, chain, source, size, cancellationToken);
        var clock = Stopwatch.StartNew();
        var outcome = await node.Get<BlockProducer>().ForgeAsync(chain, allowEmpty: false, cancellationToken);
        var forge = clock.Elapsed.TotalMilliseconds;
        return outcome.IncludedIds.Count == size
            ? (fill, forge)
            : throw new InvalidOperationException($"forged {outcome.IncludedIds.Count} of {size} pending transactions");
    }

    private static async Task<(ChainRecord Chain, OpenTransferSource Source)> CreateChainAsync(
        InProcessNode node,
        string id,
        CancellationToken cancellationToken
    )
    {
        var settings = new ChainSettings
        {
            Id = ChainId.Parse(id),
            Kind = ChainKind.Token,
            Policy = ProductionPolicy.Manual,
        };
        var (record, _) = await node.Get<ChainFactory>().CreateLocalAsync(settings, cancellationToken);
        return (record, new OpenTransferSource(record, node.Get<AcceptanceSequence>()));
    }

    /// <summary>
    /// Makes <paramref name="count"/> transfers pending, 99 per pending row; answers the milliseconds it took.
    /// </summary>
    private static async Task<double> FillAsync(
        InProcessNode node,
        ChainRecord chain,
        OpenTransferSource source,
        int count,
        CancellationToken cancellationToken
    )
    {
        var pending = node.Get<PendingStore>();
        var rows = source.Rows(count);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            rows,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (row, ct) => await pending.InsertAsync(chain.Id, row, ct)
        );
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<Dictionary<string, double>> ReplayAfterFillAsync(
        InProcessNode node,
        int size,
        CancellationToken cancellationToken
    )
    {
        var (chain, source) = await CreateChainAsync(node, "forge", cancellationToken);
        await FillAsync(node, chain, source, size, cancellationToken);
        return await ReplayPhasesAsync(node, chain, size, cancellationToken);
    }

    /// <summary>BlockProducer.ForgeAsync's steps, one by one through the same public calls, each timed.</summary>
    private static async Task<Dictionary<string, double>> ReplayPhasesAsync(
        InProcessNode node,
        ChainRecord chain,
        int size,
        CancellationToken cancellationToken
    )
    {
        var blocks = node.Get<BlockStore>();
        var pending = node.Get<PendingStore>();
        var id = chain.Id;
        var key = await node.Get<ChainRegistry>().SigningKeyAsync(chain.Id, cancellationToken);
        var phases = new Dictionary<string, double>();
        var clock = Stopwatch.StartNew();
        void Lap(string phase)
        {
            phases[phase] = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
        }

        var head = await blocks.ReadHeadAsync(id, cancellationToken);
        _ = await blocks.ReadHeaderAsync(id, head.Height, cancellationToken);
        Lap("read head");
        var entries = await pending.ReadOldestAsync(id, chain.Settings.MaxBlockTx, cancellationToken);
        Lap("read pending");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var texts = entries.Select(e => e.Text).ToList();
        var block = BlockForger.Forge(id.Value, head.Height + 1, head.PreviousHashForNext, now, texts, key);
        Lap("merkle+sign");
        var refs = entries.Select(e => e.Ref).ToList();
        _ =
            await blocks.CommitAsync(block, head, refs, followUpDone: false, cancellationToken)
            ?? throw new InvalidOperationException("the replayed commit lost its ETag race");
        Lap("commit");
        // As the producer does: each receipt is read off its entry (an included transfer, or a refund with its reason).
        var moves = refs.Select((r, position) => (r, Receipt.Of(r.Id, block, position))).ToList();
        await pending.CompleteAsync(block.Index, moves, id, cancellationToken);
        await blocks.MarkDoneAsync(id, block.Index, cancellationToken);
        Lap(FollowUp);
        if (entries.Count != size)
        {
            throw new InvalidOperationException($"replay read {entries.Count} of {size} pending transactions");
        }

        return phases;
    }
}
