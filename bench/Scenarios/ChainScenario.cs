using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenarios 4 and 5 on one growing chain. The chain <c>aka</c> is built in process (blocks of 10,000 open
/// transfers forged and committed straight through BlockStore); at each checkpoint size a fresh BPSC node
/// process serves it and a fresh replica process (<c>--bpsc</c>) pulls and verifies all of it in the background.
/// Verify rate = transactions ÷ time from the replica's "Mirroring chain" log line to its holding the BPSC's height;
/// memory = VmHWM of the BPSC after streaming <c>GET /chain</c>, and of the replica after its sync.
/// </summary>
public sealed class ChainScenario : IBenchScenario
{
    private const string Name = "chain";
    private const string Ready = "SmartChain node ready";
    private const int BlockTx = ChainSettings.DefaultMaxBlockTx;

    public string Key => Name;

    public string Title => "Verify and memory: a replica pulling and verifying the chain; peak working sets";

    public bool Selected(BenchOptions options) => options.Runs("verify") || options.Runs("memory");

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        if (options.Runs("verify"))
        {
            MeasureCrypto(context);
        }

        var memorySizes = options.Runs("memory") ? options.MemoryTx.ToHashSet() : [];
        var checkpoints = new SortedSet<int>(memorySizes);
        if (options.Runs("verify"))
        {
            checkpoints.Add(options.VerifyTx);
        }

        var prefix = BenchContext.UniquePrefix("bc");
        await using var node = await InProcessNode.StartAsync(
            context.Azurite.ConnectionString,
            prefix,
            cancellationToken
        );
        try
        {
            var (record, _) = await node.Get<ChainFactory>()
                .CreateLocalAsync(ChainSettings.DefaultToken(ProductionPolicy.Manual), cancellationToken);
            var builder = new ChainBuilder(node, record);
            foreach (var size in checkpoints)
            {
                var building = Stopwatch.StartNew();
                var added = size - builder.Transactions;
                await builder.GrowToAsync(size, cancellationToken);
                context.Report.Add(
                    Name,
                    $"build chain to {size:N0} tx",
                    $"{builder.Height:N0} blocks",
                    $"{added:N0} tx forged and committed in process in {building.Elapsed.TotalSeconds:0.0} s "
                        + $"({added / building.Elapsed.TotalSeconds:N0} tx/s)"
                );
                await MeasureAsync(
                    context,
                    prefix,
                    "aka",
                    size,
                    builder.Height,
                    memorySizes.Contains(size),
                    cancellationToken
                );
            }
        }
        finally
        {
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }

        if (options.Runs("verify") && options.VerifyLedgerTx > 0)
        {
            await LedgerChainAsync(context, options.VerifyLedgerTx, cancellationToken);
        }

        var azurite = context.Azurite.Process.Stats();
        context.Report.Detail(Name, "azurite_peak_rss_mb", Math.Round(azurite?.PeakRssMb ?? 0, 1));
    }

    private static void MeasureCrypto(BenchContext context)
    {
        var duration = context.Options.CryptoDuration;
        var ecdsa = CryptoBaseline.EcdsaVerifiesPerSecond(duration);
        var sha = CryptoBaseline.Sha256PerSecond(duration);
        context.Report.Figure("crypto.ecdsa_verify_per_s", ecdsa);
        context.Report.Figure("crypto.sha256_per_s", sha);
        context.Report.Add(
            Name,
            "raw ECDSA P-256 verify, all cores",
            $"{ecdsa:N0} verifies/s",
            $"{Environment.ProcessorCount} threads, Domain PublicKey.Verify of a {CryptoBaseline.InputBytes}-byte "
                + "message"
        );
        context.Report.Add(
            Name,
            "raw SHA-256, all cores",
            $"{sha:N0} hashes/s",
            $"{CryptoBaseline.InputBytes}-byte inputs"
        );
        context.Report.Detail(
            Name,
            "crypto",
            new JsonObject
            {
                ["ecdsa_verify_per_s"] = Math.Round(ecdsa),
                ["sha256_per_s"] = Math.Round(sha),
                ["threads"] = Environment.ProcessorCount,
            }
        );
    }

    /// <summary>
    /// Signed transfers: a ledger chain of <paramref name="size"/> transfers among 100 wallets funded at genesis,
    /// forged straight through the stores; its replica checks every transfer's ECDSA signature and replays the ledger.
    /// </summary>
    private static async Task LedgerChainAsync(BenchContext context, int size, CancellationToken cancellationToken)
    {
        const string Chain = "bench-ledger";
        var prefix = BenchContext.UniquePrefix("bg");
        await using var node = await InProcessNode.StartAsync(
            context.Azurite.ConnectionString,
            prefix,
            cancellationToken
        );
        try
        {
            using var issuer = SigningKey.Generate();
            var wallets = Enumerable.Range(0, 100).Select(_ => SigningKey.Generate()).ToArray();
            var (record, _) = await node.Get<ChainFactory>()
                .CreateLocalAsync(SignedTransferSource.Settings(Chain, wallets, issuer), cancellationToken);
            using var source = SignedTransferSource.For(record.Settings, wallets, record.BpscAddress!);
            var blocks = node.Get<BlockStore>();
            var key = await node.Get<ChainRegistry>().SigningKeyAsync(record.Id, cancellationToken);
            var head = await blocks.ReadHeadAsync(record.Id, cancellationToken);
            var building = Stopwatch.StartNew();
            for (var built = 0; built < size; )
            {
                var count = Math.Min(BlockTx, size - built);
                var entries = source.Next(count);
                var block = BlockForger.Forge(
                    Chain,
                    head.Height + 1,
                    head.PreviousHashForNext,
                    DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    entries,
                    key
                );
                head =
                    await blocks.CommitAsync(block, head, refs: null, followUpDone: true, cancellationToken)
                    ?? throw new InvalidOperationException(
                        "the ledger chain head moved while the bench was building it"
                    );
                built += count;
            }

            context.Report.Add(
                Name,
                $"build ledger chain of {size:N0} signed tx",
                $"{head.Height:N0} blocks",
                "100 wallets funded at genesis; signed and committed in process in "
                    + $"{building.Elapsed.TotalSeconds:0.0} s ({size / building.Elapsed.TotalSeconds:N0} tx/s)"
            );
            await MeasureVerifierAloneAsync(
                context,
                blocks,
                record.Settings,
                key.PublicKey,
                head.Height,
                size,
                cancellationToken
            );
            await MeasureAsync(context, prefix, Chain, size, head.Height, memory: false, cancellationToken);
        }
        finally
        {
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    /// <summary>
    /// The replica's verification alone — <see cref="ChainVerifier"/>, entries on all cores, ledger replay — over the
    /// chain read back from storage into memory first: no HTTP, no storing, no other process on the cores. It shows
    /// how much of the gap to the raw ECDSA rate is the verifier and how much the pulling and storing around it.
    /// </summary>
    private static async Task MeasureVerifierAloneAsync(
        BenchContext context,
        BlockStore store,
        ChainSettings settings,
        PublicKey bpsc,
        long height,
        int size,
        CancellationToken cancellationToken
    )
    {
        var chain = new List<Block>();
        await foreach (var block in store.ReadBlocksAsync(settings.Id, 1, height, cancellationToken))
        {
            chain.Add(block);
        }

        var verifier = new ChainVerifier(settings, bpsc);
        var clock = Stopwatch.StartNew();
        foreach (var block in chain)
        {
            if (verifier.Append(block) is { } error)
            {
                throw new InvalidDataException($"the bench's own ledger chain does not verify: {error}");
            }
        }

        var rate = size / clock.Elapsed.TotalSeconds;
        context.Report.Figure("verify.ledger_verifier_alone.tx_per_s", rate);
        var ratio = context.Report.Figures.TryGetValue("crypto.ecdsa_verify_per_s", out var ecdsa)
            ? $"{rate / ecdsa:P0} of raw ECDSA; "
            : "";
        context.Report.Add(
            Name,
            $"verifier alone, {size:N0} signed ledger tx",
            $"{rate:N0} tx/s",
            $"{ratio}ChainVerifier in the bench process over blocks already in memory: no HTTP, no storage"
        );
    }

    private static async Task MeasureAsync(
        BenchContext context,
        string prefix,
        string chain,
        int size,
        long height,
        bool memory,
        CancellationToken cancellationToken
    )
    {
        var ledger = chain != "aka";
        var kind = ledger ? "signed ledger" : "open";
        var label = (ledger ? "ledger_" : "") + size.ToString(CultureInfo.InvariantCulture);
        var mirroring = $"Mirroring chain {chain} ";
        var json = new JsonObject
        {
            ["chain"] = kind,
            ["tx"] = size,
            ["blocks"] = height,
        };
        var quiet = new Dictionary<string, string>
        {
            ["SMARTCHAIN_MANUAL"] = "true",
            ["SMARTCHAIN_SYNC_SECONDS"] = "3600",
        };
        using var bpsc = await context.StartNodeAsync(prefix, env: quiet, cancellationToken: cancellationToken);
        json["bpsc_idle_peak_mb"] = Math.Round(bpsc.Process.Stats()?.PeakRssMb ?? 0, 1);
        if (!ledger && context.Options.Runs("verify") && size == context.Options.VerifyTx)
        {
            json["light_client"] = await LightClientProbe.MeasureAsync(context, bpsc, chain, cancellationToken);
        }

        if (memory)
        {
            await using var probe = MemoryProbe.Start(bpsc.Process.Id);
            var (bytes, seconds) = await StreamChainAsync(bpsc, cancellationToken);
            RecordMemory(context, "bpsc", label, await probe.StopAsync());
            var peak = bpsc.Process.Stats()?.PeakRssMb ?? double.NaN;
            context.Report.Figure($"memory.bpsc.peak_mb.{label}", peak);
            context.Report.Add(
                Name,
                $"BPSC node serving GET /chain, {size:N0} tx",
                $"peak {peak:0} MB",
                $"VmHWM; {json["bpsc_idle_peak_mb"]} MB after startup; streamed {bytes / 1e6:N0} MB in {seconds:0.0} s "
                    + $"({size / seconds:N0} tx/s)"
            );
            json["bpsc_chain_peak_mb"] = Math.Round(peak, 1);
            json["chain_bytes"] = bytes;
            json["chain_seconds"] = Math.Round(seconds, 3);
        }

        var replicaPrefix = BenchContext.UniquePrefix("br");
        var cpu = CpuMeter.Of(("bpsc", bpsc.Process.Id), ("azurite", context.Azurite.Process.Id));
        cpu.Start();
        var env = new Dictionary<string, string>(quiet)
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft"] = "Warning",
            ["Logging__LogLevel__System"] = "Warning",
        };
        env.Remove("SMARTCHAIN_MANUAL");
        try
        {
            using var replica = await context.StartNodeAsync(
                replicaPrefix,
                ["--bpsc", bpsc.Url.ToString().TrimEnd('/')],
                env,
                [mirroring, Ready],
                TimeSpan.FromHours(2),
                cancellationToken
            );
            // A replica serves at once and syncs in the background (issue 11): its sync is over when it holds the
            // BPSC's height, polled here every 50 ms.
            await using var probe = MemoryProbe.Start(replica.Process.Id);
            while (await HeightAsync(replica, chain, cancellationToken) < height)
            {
                await Task.Delay(50, cancellationToken);
            }

            var synced = ChildProcess.Now;
            var composition = await probe.StopAsync();
            var used = cpu.Stop();
            var wall = (synced - replica.Process.StartedAt).TotalSeconds;
            var mirrored = replica.Process.SeenAsync(mirroring);
            var timedByLog = mirrored.IsCompletedSuccessfully;
            var seconds = timedByLog ? (synced - mirrored.Result).TotalSeconds : wall;
            var stats = replica.Process.Stats();
            var replicaCores = stats is { } s ? s.Cpu.TotalSeconds / wall : double.NaN;
            var replicaHeight = await HeightAsync(replica, chain, cancellationToken);
            var rate = size / seconds;
            var complete = replicaHeight == height;
            var cores = string.Join(", ", used.Cores.Select(c => $"{c.Key} {c.Value:0.00}"));
            context.Report.Add(
                Name,
                $"replica pull + verify, {size:N0} {kind} tx",
                complete ? $"{rate:N0} tx/s" : $"INCOMPLETE: height {replicaHeight} of {height}",
                $"{seconds:0.0} s from {(timedByLog ? "its 'Mirroring' log line" : "process start")} "
                    + $"to holding the BPSC's height; "
                    + $"CPU replica {replicaCores:0.00}, {cores} cores of {used.MachineCores}"
            );
            json["replica_sync_seconds"] = Math.Round(seconds, 3);
            json["replica_timed_by_log"] = timedByLog;
            json["replica_height"] = replicaHeight;
            json["verify_tx_per_s"] = Math.Round(rate, 1);
            json["cpu"] = used.ToJson();
            json["cpu"]!["replica"] = Math.Round(replicaCores, 3);
            json["replica_peak_mb"] = Math.Round(stats?.PeakRssMb ?? 0, 1);
            json["bpsc_peak_after_serving_replica_mb"] = Math.Round(bpsc.Process.Stats()?.PeakRssMb ?? 0, 1);
            if (memory)
            {
                var peak = stats?.PeakRssMb ?? double.NaN;
                context.Report.Figure($"memory.replica.peak_mb.{label}", peak);
                RecordMemory(context, "replica", label, composition);
                context.Report.Add(
                    Name,
                    $"replica syncing, {size:N0} tx",
                    $"peak {peak:0} MB",
                    "VmHWM after its startup sync"
                );
            }

            if (complete && (ledger || size == context.Options.VerifyTx))
            {
                var figure = ledger ? "verify.ledger" : "verify";
                context.Report.Figure($"{figure}.tx_per_s", rate);
                context.Report.Figure($"{figure}.tx", size);
                // CPU of the whole pull per transaction, each process's own: what VerifyBounds divides the cores by.
                context.Report.Figure($"{figure}.replica_cpu_us_per_tx", replicaCores * wall * 1e6 / size);
                foreach (var (process, share) in used.Cores)
                {
                    context.Report.Figure($"{figure}.{process}_cpu_us_per_tx", share * wall * 1e6 / size);
                }
                if (context.Report.Figures.TryGetValue("crypto.ecdsa_verify_per_s", out var ecdsa))
                {
                    context.Report.Add(
                        Name,
                        $"ratio {kind} verify ÷ raw ECDSA verify",
                        $"{rate / ecdsa:P0}",
                        ledger
                            ? "per transfer: its ECDSA signature, SHA-256 id and leaf, ledger replay"
                            : "open transfers carry no signature: per block one ECDSA verify, per transaction a "
                                + "SHA-256 leaf and the entry rules"
                    );
                }

                if (context.Report.Figures.TryGetValue("crypto.sha256_per_s", out var sha))
                {
                    context.Report.Add(Name, $"ratio {kind} verify ÷ raw SHA-256", $"{rate / sha:P1}");
                }
            }
        }
        finally
        {
            context.Report.Detail(Name, label, json);
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, replicaPrefix, CancellationToken.None);
        }
    }

    /// <summary>What the peak of <paramref name="role"/> was made of: the figures MemoryBounds explains a miss with.
    /// </summary>
    private static void RecordMemory(BenchContext context, string role, string label, MemoryPeak? peak)
    {
        if (peak is not { } p)
        {
            return;
        }

        context.Report.Figure($"memory.{role}.anon_mb.{label}", p.AnonMb);
        context.Report.Figure($"memory.{role}.file_mb.{label}", p.FileMb);
        context.Report.Figure($"memory.{role}.shared_mb.{label}", p.SharedMb);
        if (p is { GcCommittedMb: { } committed, GcLiveMb: { } live })
        {
            context.Report.Figure($"memory.{role}.gc_committed_mb.{label}", committed);
            context.Report.Figure($"memory.{role}.gc_live_mb.{label}", live);
        }
    }

    /// <summary>
    /// Reads the whole streamed <c>GET /chain</c> answer, discarding it; answers its size and duration.
    /// </summary>
    private static async Task<(long Bytes, double Seconds)> StreamChainAsync(
        NodeProcess node,
        CancellationToken cancellationToken
    )
    {
        var clock = Stopwatch.StartNew();
        var bytes = await BenchHttp.DrainAsync(node.Http, "chain", cancellationToken);
        return (bytes, clock.Elapsed.TotalSeconds);
    }

    private static async Task<long> HeightAsync(NodeProcess node, string chain, CancellationToken cancellationToken)
    {
        using var response = await node.Http.GetAsync($"chains/{chain}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return 0;
        }

        using var info = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return info.RootElement.GetProperty("height").GetInt64();
    }

    /// <summary>Appends blocks of 10,000 open transfers to a local chain straight through the stores.</summary>
    private sealed class ChainBuilder(InProcessNode node, ChainRecord chain)
    {
        private readonly OpenTransferSource _source = new(chain, node.Get<AcceptanceSequence>());
        private ChainHead? _head;

        public int Transactions { get; private set; }

        public long Height => _head?.Height ?? 1;

        public async Task GrowToAsync(int size, CancellationToken cancellationToken)
        {
            var blocks = node.Get<BlockStore>();
            var key = await node.Get<ChainRegistry>().SigningKeyAsync(chain.Id, cancellationToken);
            _head ??= await blocks.ReadHeadAsync(chain.Id, cancellationToken);
            while (Transactions < size)
            {
                var count = Math.Min(BlockTx, size - Transactions);
                var entries = Enumerable.Range(0, count).Select(i => _source.Next(i % PendingStore.Shards)).ToList();
                var block = BlockForger.Forge(
                    chain.Id.Value,
                    _head.Height + 1,
                    _head.PreviousHashForNext,
                    DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                    entries.Select(e => e.Text).ToList(),
                    key
                );
                _head =
                    await blocks.CommitAsync(
                        block,
                        _head,
                        entries.Select(e => e.Ref).ToList(),
                        followUpDone: true,
                        cancellationToken
                    ) ?? throw new InvalidOperationException("the chain head moved while the bench was building it");
                Transactions += count;
            }
        }
    }
}
