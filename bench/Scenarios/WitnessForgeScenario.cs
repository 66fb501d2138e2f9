using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Bench.Infrastructure;
using SmartChain.Domain.Log;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Issue 13's forge figure with witnesses: a BPSC node process forging a block of N open transfers (the largest of
/// --forge-sizes) through <c>POST /chains/aka/forge</c>, first alone, then with SMARTCHAIN_WITNESSES naming two
/// witness node processes (replicas of it, <c>--bpsc</c>). Besides the forge itself it times how long after the forge
/// the BPSC serves the new checkpoint cosigned by both witnesses (each syncs and verifies the block first).
/// </summary>
public sealed class WitnessForgeScenario : IBenchScenario
{
    private const string Name = "witness";

    public string Key => Name;

    public string Title => "Forge with log + checkpoint + 2 witnesses: node processes, POST /chains/aka/forge";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var size = context.Options.ForgeSizes.Max();
        foreach (var witnesses in new[] { 0, 2 })
        {
            await MeasureAsync(context, size, witnesses, cancellationToken);
        }
    }

    private static async Task MeasureAsync(
        BenchContext context,
        int size,
        int witnessCount,
        CancellationToken cancellationToken
    )
    {
        var prefix = BenchContext.UniquePrefix("bw");
        var bpscPort = Ports.Free();
        var quiet = new Dictionary<string, string>
        {
            ["SMARTCHAIN_MANUAL"] = "true",
            ["SMARTCHAIN_SYNC_SECONDS"] = "1",
        };
        var witnesses = new List<NodeProcess>();
        try
        {
            var keys = new List<NoteVerifierKey>();
            for (var i = 1; i <= witnessCount; i++)
            {
                var env = new Dictionary<string, string>(quiet) { ["SMARTCHAIN_WITNESS_NAME"] = $"bench.witness/w{i}" };
                var witness = await context.StartNodeAsync(
                    $"{prefix}w{i}",
                    ["--bpsc", $"http://127.0.0.1:{bpscPort}"],
                    env,
                    cancellationToken: cancellationToken
                );
                witnesses.Add(witness);
                var identity = await witness.Http.GetFromJsonAsync<JsonElement>("witness", cancellationToken);
                keys.Add(NoteVerifierKey.TryParse(identity.GetProperty("verifier_key").GetString())!);
            }

            var bpscEnv = new Dictionary<string, string>(quiet);
            if (witnessCount > 0)
            {
                bpscEnv["SMARTCHAIN_WITNESSES"] = string.Join(
                    ";",
                    witnesses.Select((w, i) => $"{w.Url}witness {keys[i].Text}")
                );
            }

            using var bpsc = await context.StartNodeAsync(
                $"{prefix}b",
                env: bpscEnv,
                cancellationToken: cancellationToken,
                port: bpscPort
            );
            // Warm-up: JIT, connections, and the witnesses' first sync and cosignature.
            await FillAsync(bpsc, 100, "warm", cancellationToken);
            await ForgeAsync(bpsc, cancellationToken);
            await CosignedAsync(bpsc, keys, cancellationToken);

            var forges = new List<double>();
            var cosigned = new List<double>();
            for (var r = 0; r < context.Options.ForgeRepeat; r++)
            {
                await FillAsync(bpsc, size, $"r{r}", cancellationToken);
                var clock = Stopwatch.StartNew();
                var forged = await ForgeAsync(bpsc, cancellationToken);
                forges.Add(clock.Elapsed.TotalMilliseconds);
                if (forged != size)
                {
                    throw new InvalidOperationException($"forged {forged} of {size} pending transfers");
                }

                if (witnessCount > 0)
                {
                    clock.Restart();
                    await CosignedAsync(bpsc, keys, cancellationToken);
                    cosigned.Add(clock.Elapsed.TotalMilliseconds);
                }
            }

            var label =
                witnessCount == 0 ? "log + checkpoint, no witnesses" : $"log + checkpoint + {witnessCount} witnesses";
            var median = Stats.Median(forges);
            context.Report.Figure($"witness.forge_ms.{witnessCount}", median);
            context.Report.Add(
                Name,
                $"block of {size:N0}, {label}",
                $"{median:N0} ms",
                $"POST /chains/aka/forge on a node process, median of {forges.Count}: "
                    + string.Join(", ", forges.Select(f => f.ToString("N0", CultureInfo.InvariantCulture)))
                    + " ms"
            );
            var json = new JsonObject
            {
                ["size"] = size,
                ["witnesses"] = witnessCount,
                ["forge_ms"] = new JsonArray(forges.Select(f => (JsonNode)Math.Round(f, 2)).ToArray()),
            };
            if (witnessCount > 0)
            {
                var after = Stats.Median(cosigned);
                context.Report.Figure($"witness.cosigned_after_ms.{witnessCount}", after);
                context.Report.Add(
                    Name,
                    $"…then cosigned by all {witnessCount}",
                    $"{after:N0} ms after the forge",
                    "until GET /checkpoint carries every witness's cosignature (each replica pulls and verifies the "
                        + "block first; the BPSC submits once a second)"
                );
                json["cosigned_after_ms"] = new JsonArray(cosigned.Select(f => (JsonNode)Math.Round(f, 2)).ToArray());
            }

            context.Report.Detail(Name, witnessCount.ToString(CultureInfo.InvariantCulture), json);
        }
        finally
        {
            foreach (var witness in witnesses)
            {
                witness.Dispose();
            }

            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    private static async Task FillAsync(NodeProcess node, int count, string tag, CancellationToken cancellationToken)
    {
        var next = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, 32),
            cancellationToken,
            async (client, ct) =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) <= count)
                {
                    using var response = await node.Http.PostAsJsonAsync(
                        "transactions/new",
                        new
                        {
                            sender = $"{tag}-{client}",
                            amount = i,
                            recipient = "bench",
                        },
                        ct
                    );
                    response.EnsureSuccessStatusCode();
                }
            }
        );
    }

    /// <summary>Forges one block now; answers its entry count.</summary>
    private static async Task<int> ForgeAsync(NodeProcess node, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chains/aka/forge");
        request.Headers.Add("x-functions-key", NodeProcess.AdminKey);
        using var response = await node.Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var block = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return block.GetProperty("tx_count").GetInt32();
    }

    /// <summary>Waits until the served checkpoint (always the head's) carries a cosignature of every witness.</summary>
    private static async Task CosignedAsync(
        NodeProcess node,
        IReadOnlyList<NoteVerifierKey> keys,
        CancellationToken cancellationToken
    )
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (keys.Count > 0)
        {
            var note = SignedNote.TryParse(await node.Http.GetStringAsync("chains/aka/checkpoint", cancellationToken));
            if (note is not null && keys.All(k => note.Signatures.Any(s => k.Verify(note.Text, s))))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("the witnesses did not cosign the checkpoint within 5 minutes");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
