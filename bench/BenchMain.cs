using System.CommandLine;
using System.Globalization;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Reporting;
using SmartChain.Bench.Scenarios;

namespace SmartChain.Bench;

/// <summary>
/// The benchmark program: starts its own Azurite, SmartChain node processes and the article's Flask node,
/// runs each chosen scenario for a bounded time, prints a table with the targets and writes
/// bench/results/&lt;date&gt;.json. Timings are figures to read, never assertions.
/// </summary>
public static class BenchMain
{
    public static Task<int> Main(string[] args)
    {
        var quick = new Option<bool>("--quick") { Description = "Short smoke run: small sizes, short durations." };
        var scenarios = new Option<string>("--scenarios")
        {
            Description = $"Comma-separated: {string.Join(",", BenchOptions.AllScenarios)} (default: all).",
        };
        var clients = new Option<int?>("--clients")
        {
            Description = "Concurrent HTTP clients for accept and ledger (default 32).",
        };
        var seconds = new Option<double?>("--seconds")
        {
            Description = "Measured seconds per load test (default 10, quick 3).",
        };
        var warmup = new Option<double?>("--warmup")
        {
            Description =
                "Warm-up seconds before each load test is measured (default 10, quick 1): long enough for the node's "
                + "tiered JIT to finish recompiling the hot path on two cores.",
        };
        var policies = new Option<string?>("--accept-policy")
        {
            Description =
                "SmartChain node policies to load: manual, default or manual,default (default: both; quick: manual).",
        };
        var noPython = new Option<bool>("--no-article-node") { Description = "Skip the article's Flask node column." };
        var noProfile = new Option<bool>("--no-profile")
        {
            Description = "Skip the sampled CPU profile of the node taken after the ledger load (a few seconds more).",
        };
        var wallets = new Option<int?>("--ledger-wallets")
        {
            Description = "Wallets signing ledger transfers (default 1000).",
        };
        var forgeSizes = new Option<string?>("--forge-sizes")
        {
            Description = "Block sizes to forge (default 1,100,1000,10000; quick 1,100,1000).",
        };
        var forgeRepeat = new Option<int?>("--forge-repeat")
        {
            Description = "Forges per size; the median is reported (default 3, quick 1).",
        };
        var verifyTx = new Option<int?>("--verify-tx")
        {
            Description = "Transactions in the chain a replica pulls and verifies (default 1000000, quick 20000).",
        };
        var verifyLedgerTx = new Option<int?>("--verify-ledger-tx")
        {
            Description =
                "Signed ledger transfers in a second chain a replica verifies signature by signature (default 200000, "
                + "quick 2000; 0 skips).",
        };
        var memoryTx = new Option<string?>("--memory-tx")
        {
            Description = "Chain sizes at which peak memory is read (default 10000,100000,1000000; quick 10000,20000).",
        };
        var azuriteSeconds = new Option<double?>("--azurite-seconds")
        {
            Description = "Seconds per Azurite ceiling measurement (default 5, quick 2).",
        };
        var output = new Option<string?>("--output")
        {
            Description = "Where to write the JSON results (default bench/results/<date>.json).",
        };
        var nodeEnv = new Option<string[]>("--node-env")
        {
            Description = "KEY=VALUE set in every node process (repeatable), e.g. DOTNET_gcServer=0.",
            AllowMultipleArgumentsPerToken = false,
        };

        var root = new RootCommand(
            "SmartChain benchmarks: accept, ledger accept, forge, verify, memory and the Azurite ceiling."
        )
        {
            quick,
            scenarios,
            clients,
            seconds,
            warmup,
            policies,
            noPython,
            noProfile,
            wallets,
            forgeSizes,
            forgeRepeat,
            verifyTx,
            verifyLedgerTx,
            memoryTx,
            azuriteSeconds,
            output,
            nodeEnv,
        };
        root.SetAction(
            async (parse, cancellationToken) =>
            {
                var isQuick = parse.GetValue(quick);
                var chosen = Csv(parse.GetValue(scenarios)) ?? BenchOptions.AllScenarios;
                var unknown = chosen.FirstOrDefault(s => !BenchOptions.AllScenarios.Contains(s));
                if (unknown is not null)
                {
                    await Console.Error.WriteLineAsync(
                        $"unknown scenario '{unknown}'; choose from {string.Join(", ", BenchOptions.AllScenarios)}"
                    );
                    return 2;
                }

                var options = new BenchOptions
                {
                    Scenarios = chosen.ToHashSet(),
                    Quick = isQuick,
                    Clients = parse.GetValue(clients) ?? 32,
                    AcceptDuration = TimeSpan.FromSeconds(parse.GetValue(seconds) ?? (isQuick ? 3 : 10)),
                    Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup) ?? (isQuick ? 1 : 10)),
                    AcceptPolicies = Csv(parse.GetValue(policies)) ?? (isQuick ? ["manual"] : ["manual", "default"]),
                    SkipArticleNode = parse.GetValue(noPython),
                    ProfileSeconds =
                        parse.GetValue(noProfile) ? 0
                        : isQuick ? 2
                        : 5,
                    LedgerWallets = parse.GetValue(wallets) ?? 1000,
                    ForgeSizes =
                        Ints(parse.GetValue(forgeSizes)) ?? (isQuick ? [1, 100, 1000] : [1, 100, 1000, 10_000]),
                    ForgeRepeat = parse.GetValue(forgeRepeat) ?? (isQuick ? 1 : 3),
                    VerifyTx = parse.GetValue(verifyTx) ?? (isQuick ? 20_000 : 1_000_000),
                    VerifyLedgerTx = parse.GetValue(verifyLedgerTx) ?? (isQuick ? 2_000 : 200_000),
                    MemoryTx =
                        Ints(parse.GetValue(memoryTx)) ?? (isQuick ? [10_000, 20_000] : [10_000, 100_000, 1_000_000]),
                    AzuriteDuration = TimeSpan.FromSeconds(parse.GetValue(azuriteSeconds) ?? (isQuick ? 2 : 5)),
                    CryptoDuration = TimeSpan.FromSeconds(isQuick ? 1 : 3),
                    Output = parse.GetValue(output),
                    NodeEnvironment = (parse.GetValue(nodeEnv) ?? [])
                        .Select(pair => pair.Split('=', 2))
                        .ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : ""),
                };
                return await RunAsync(options, cancellationToken);
            }
        );
        return root.Parse(args).InvokeAsync();
    }

    private static async Task<int> RunAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        var repo = RepoPaths.Find();
        var report = new Report(MachineInfo.Read(), options);
        Console.WriteLine($"SmartChain bench — {report.Machine.Summary}");
        Console.WriteLine($"scenarios: {string.Join(", ", options.Scenarios)}{(options.Quick ? " (quick)" : "")}");

        await using var azurite = await AzuriteProcess.StartAsync(repo, cancellationToken);
        Console.WriteLine($"Azurite (in-memory) on {azurite.Port}, pid {azurite.Process.Id}");
        var context = new BenchContext(repo, azurite, options, report);
        IBenchScenario[] all =
        [
            new AzuriteCeilingScenario(),
            new AcceptScenario(),
            new LedgerScenario(),
            new ReceiptScenario(),
            new ForgeScenario(),
            new WitnessForgeScenario(),
            new ChainScenario(),
        ];
        var failed = false;
        foreach (var scenario in all.Where(s => s.Selected(options)))
        {
            Console.WriteLine();
            Console.WriteLine($"== {scenario.Title}");
            try
            {
                await scenario.RunAsync(context, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One broken scenario must not cost the figures of the others: record it and go on.
                failed = true;
                report.Fail(scenario.Key, e);
                Console.WriteLine($"   FAILED: {e}");
            }
        }

        Console.WriteLine();
        TablePrinter.Print(report, Console.Out);
        var path =
            options.Output
            ?? Path.Combine(
                repo.Root,
                "bench",
                "results",
                DateTime.UtcNow.ToString("yyyy-MM-dd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + ".json"
            );
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(
            path,
            report.ToJson().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }),
            cancellationToken
        );
        Console.WriteLine($"results written to {path}");
        return failed ? 1 : 0;
    }

    private static string[]? Csv(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int[]? Ints(string? text) =>
        Csv(text)
            ?.Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))
            .ToArray();
}
