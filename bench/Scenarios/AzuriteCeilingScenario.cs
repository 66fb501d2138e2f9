using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SmartChain.Bench.Infrastructure;
using SmartChain.Bench.Load;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Scenario 6: what the bench's Azurite can take at all, with no SmartChain code in the way — single inserts
/// from 32 concurrent clients, and 100-entity entity-group transactions (what group commit wrote before one
/// pending row held a whole group) at a few concurrencies. The accept target is judged against the best batch figure.
/// </summary>
public sealed class AzuriteCeilingScenario : IBenchScenario
{
    private const string Name = "azurite";
    private static readonly int[] BatchConcurrency = [4, 16];
    private static readonly string Payload = new('x', 300);

    public string Key => Name;

    public string Title => "Azurite ceiling: raw entities/s (single inserts, 100-entity batches)";

    public bool Selected(BenchOptions options) => options.Runs(Name);

    public async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var prefix = BenchContext.UniquePrefix("bz");
        var table = new TableServiceClient(context.Azurite.ConnectionString).GetTableClient(prefix + "ceiling");
        await table.CreateIfNotExistsAsync(cancellationToken);
        var warmup = TimeSpan.FromSeconds(Math.Min(1, context.Options.Warmup.TotalSeconds));
        try
        {
            var clients = context.Options.Clients;
            var cpu = CpuMeter.Of(("azurite", context.Azurite.Process.Id), ("bench", Environment.ProcessId));
            var singles = await LoadRunner.RunAsync(
                clients,
                warmup,
                context.Options.AzuriteDuration,
                async (worker, i, ct) =>
                {
                    await table.AddEntityAsync(
                        new TableEntity($"s{worker % 16}", $"{worker:D3}-{i:D9}") { ["Tx"] = Payload },
                        ct
                    );
                    return null;
                },
                cpu.Start,
                () => cpu.Stop(),
                cancellationToken
            );
            var singlesCpu = cpu.Last!;
            context.Report.Add(
                Name,
                $"single inserts, {clients} clients",
                $"{singles.Rate:N0} entities/s",
                $"p50 {singles.P50Ms:0.0} ms, p99 {singles.P99Ms:0.0} ms; {singlesCpu}"
            );
            context.Report.Figure("azurite.single.entities_per_s", singles.Rate);
            context.Report.Figure(
                "azurite.single.cpu_us_per_request",
                singlesCpu.MicrosecondsPerOperation("azurite", singles.Seconds, singles.Ok)
            );
            context.Report.Detail(Name, "single", With(singles.ToJson(), "cpu", singlesCpu.ToJson(), clients));

            var best = 0.0;
            foreach (var concurrency in BatchConcurrency)
            {
                var batchCpu = CpuMeter.Of(("azurite", context.Azurite.Process.Id), ("bench", Environment.ProcessId));
                var batches = await LoadRunner.RunAsync(
                    concurrency,
                    warmup,
                    context.Options.AzuriteDuration,
                    async (worker, i, ct) =>
                    {
                        var partition = $"b{concurrency}-{worker}";
                        var actions = Enumerable
                            .Range(0, 100)
                            .Select(n => new TableTransactionAction(
                                TableTransactionActionType.Add,
                                new TableEntity(partition, $"{i:D9}-{n:D3}") { ["Tx"] = Payload }
                            ));
                        await table.SubmitTransactionAsync(actions, ct);
                        return null;
                    },
                    batchCpu.Start,
                    () => batchCpu.Stop(),
                    cancellationToken
                );
                var used = batchCpu.Last!;
                var entities = batches.Rate * 100;
                if (entities > best)
                {
                    best = entities;
                    context.Report.Figure(
                        "azurite.batch.cpu_us_per_request",
                        used.MicrosecondsPerOperation("azurite", batches.Seconds, batches.Ok)
                    );
                    context.Report.Figure("azurite.batch.azurite_cores", used.Cores["azurite"]);
                }

                context.Report.Add(
                    Name,
                    $"100-entity batches, {concurrency} concurrent",
                    $"{entities:N0} entities/s",
                    $"{batches.Rate:N0} batches/s, p50 {batches.P50Ms:0.0} ms, p99 {batches.P99Ms:0.0} ms; {used}"
                );
                context.Report.Detail(
                    Name,
                    $"batch_{concurrency}",
                    With(batches.ToJson(), "cpu", used.ToJson(), concurrency, entities)
                );
            }

            context.Report.Figure("azurite.batch.entities_per_s", best);
        }
        finally
        {
            await TableCleanup.DeleteAsync(context.Azurite.ConnectionString, prefix, CancellationToken.None);
        }
    }

    private static JsonObject With(
        JsonObject json,
        string key,
        JsonNode value,
        int concurrency,
        double? entities = null
    )
    {
        json[key] = value;
        json["concurrency"] = concurrency;
        if (entities is { } e)
        {
            json["entities_per_s"] = Math.Round(e, 1);
        }

        return json;
    }
}
