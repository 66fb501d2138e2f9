using System.Globalization;
using System.Text.Json.Nodes;

namespace SmartChain.Bench.Reporting;

/// <summary>
/// Everything a run found: table rows for people, named figures the targets are judged on, and per-scenario
/// details for machines (written as bench/results/&lt;date&gt;.json).
/// </summary>
public sealed class Report(MachineInfo machine, BenchOptions options)
{
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public MachineInfo Machine { get; } = machine;

    public List<Row> Rows { get; } = [];

    public Dictionary<string, double> Figures { get; } = new(StringComparer.Ordinal);

    public JsonObject Details { get; } = [];

    public List<(string Scenario, string Error)> Failures { get; } = [];

    /// <summary>Adds a table row and echoes it, so a long run shows progress.</summary>
    public void Add(string scenario, string subject, string result, string details = "")
    {
        Rows.Add(new Row(scenario, subject, result, details));
        Console.WriteLine($"   {subject}: {result}{(details.Length > 0 ? "  [" + details + "]" : "")}");
    }

    public void Figure(string key, double value) => Figures[key] = value;

    public void Detail(string scenario, string key, JsonNode? value)
    {
        if (Details[scenario] is not JsonObject section)
        {
            Details[scenario] = section = [];
        }

        section[key] = value;
    }

    public void Fail(string scenario, Exception error)
    {
        Failures.Add((scenario, error.Message));
        Rows.Add(new Row(scenario, "(failed)", "error", error.Message.Split('\n')[0]));
    }

    public IReadOnlyList<TargetCheck> Targets() => TargetRules.Evaluate(Figures, options);

    public JsonObject ToJson() =>
        new()
        {
            ["started"] = _started.ToString("O", CultureInfo.InvariantCulture),
            ["finished"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["preliminary_note"] =
                "Measured on a shared machine: other processes may have used the same cores (see load_average_at_start "
                + "and the per-scenario CPU figures).",
            ["machine"] = Machine.ToJson(),
            ["options"] = new JsonObject
            {
                ["quick"] = options.Quick,
                ["scenarios"] = new JsonArray(options.Scenarios.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["clients"] = options.Clients,
                ["warmup_s"] = options.Warmup.TotalSeconds,
                ["load_s"] = options.AcceptDuration.TotalSeconds,
                ["ledger_wallets"] = options.LedgerWallets,
                ["forge_sizes"] = new JsonArray(
                    options.ForgeSizes.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()
                ),
                ["verify_tx"] = options.VerifyTx,
                ["verify_ledger_tx"] = options.VerifyLedgerTx,
                ["memory_tx"] = new JsonArray(options.MemoryTx.Select(s => (JsonNode)JsonValue.Create(s)).ToArray()),
                ["node_env"] = new JsonObject(
                    options.NodeEnvironment.Select(e =>
                        KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value))
                    )
                ),
            },
            ["figures"] = new JsonObject(
                Figures
                    .OrderBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(Math.Round(f.Value, 3))))
            ),
            ["targets"] = new JsonArray(Targets().Select(t => (JsonNode)t.ToJson()).ToArray()),
            ["bounds"] = new JsonObject(
                MissedTargetBounds
                    .Explain(Figures, Machine.Cores)
                    .Select(b =>
                        KeyValuePair.Create(
                            b.Targets,
                            (JsonNode?)new JsonArray(b.Lines.Select(l => (JsonNode)JsonValue.Create(l)).ToArray())
                        )
                    )
            ),
            ["scenarios"] = Details.DeepClone(),
            ["rows"] = new JsonArray(
                Rows.Select(r =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["scenario"] = r.Scenario,
                                ["subject"] = r.Subject,
                                ["result"] = r.Result,
                                ["details"] = r.Details,
                            }
                    )
                    .ToArray()
            ),
            ["failures"] = new JsonArray(
                Failures
                    .Select(f => (JsonNode)new JsonObject { ["scenario"] = f.Scenario, ["error"] = f.Error })
                    .ToArray()
            ),
        };
}

/// <summary>One line of the printed table.</summary>
public sealed record Row(string Scenario, string Subject, string Result, string Details);
