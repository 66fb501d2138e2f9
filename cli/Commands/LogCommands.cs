using System.CommandLine;
using SmartChain.Cli.Logs;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain checkpoint</c> and <c>smartchain receipt</c>: the chain's checkpoint (and one transaction's inclusion
/// in it) checked against the log key and a quorum of named witnesses, and against the checkpoint this wallet accepted
/// before. <c>--save FILE</c> keeps what was fetched; <c>--from FILE</c> verifies it later with no network.
/// </summary>
internal static class LogCommands
{
    public static Command Checkpoint(CliContext context) => Create(context, receipt: false);

    public static Command Receipt(CliContext context) => Create(context, receipt: true);

    private static Command Create(CliContext context, bool receipt)
    {
        var url = CliOptions.Url();
        var chain = new Option<string?>("--chain") { Description = "Chain id, e.g. aka (required unless --from)." };
        var id = new Option<string?>("--id")
        {
            Description = "Transaction id whose inclusion to prove (required unless --from).",
        };
        var save = new Option<string?>("--save") { Description = "Write what was fetched to this file, for --from." };
        var from = new Option<string?>("--from")
        {
            Description = "Verify a file written by --save, without any network.",
        };
        var log = new LogOptions();
        var command = receipt
            ? new Command("receipt", "Prove a transaction is in the log at a checkpoint your witnesses cosigned.")
            : new Command("checkpoint", "Check the chain's checkpoint: log key, witness quorum, no rollback or fork.");
        command.Options.Add(url);
        command.Options.Add(chain);
        if (receipt)
        {
            command.Options.Add(id);
        }

        foreach (var option in log.All.Append(save).Append(from))
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var quorum = log.ReadQuorum(parse);
                var store = new AcceptedCheckpoints(WalletPath.Resolve(parse.GetValue(log.Wallet), context));
                LogEvidence evidence;
                if (parse.GetValue(from) is { } file)
                {
                    if (parse.GetValue(url) is not null || parse.GetValue(save) is not null)
                    {
                        throw new CliFailure(
                            "--from verifies a saved file offline: give neither --url nor --save with it"
                        );
                    }

                    evidence = LogEvidence.Load(file);
                    if (parse.GetValue(chain) is { } named && named != evidence.Chain)
                    {
                        throw new CliFailure($"{file} holds chain '{evidence.Chain}', not '{named}'");
                    }

                    if (receipt && evidence.Receipt is null)
                    {
                        throw new CliFailure($"{file} holds no receipt: save it with `smartchain receipt --save`");
                    }

                    if (receipt && parse.GetValue(id) is { } wanted && wanted != evidence.Receipt!.Id)
                    {
                        throw new CliFailure($"{file} holds transaction {evidence.Receipt!.Id}, not {wanted}");
                    }
                }
                else
                {
                    var chainId = CliOptions.ParseChain(
                        parse.GetValue(chain) ?? throw new CliFailure("--chain is required (or --from)")
                    );
                    var transaction = receipt
                        ? parse.GetValue(id) ?? throw new CliFailure("--id is required (or --from)")
                        : null;
                    using var api = CliOptions.Api(parse.GetValue(url), context);
                    evidence = await LogEvidenceFetch.FetchAsync(api, chainId, store, transaction, cancellationToken);
                }

                var verdict = Accept(context, store, evidence, quorum, parse.GetValue(log.LogKey));
                if (verdict.IncludedAt is { } index)
                {
                    context.Out.WriteLine($"transaction: {evidence.Receipt!.Id}");
                    context.Out.WriteLine($"log_index: {index}");
                }

                context.Out.WriteLine("result: OK");
                if (parse.GetValue(save) is { } path)
                {
                    evidence.Save(path);
                    context.Out.WriteLine($"saved: {path}");
                }

                return 0;
            }
        );
        return command;
    }

    /// <summary>
    /// Verifies the evidence against the quorum and the checkpoint accepted before, prints what was accepted, and keeps
    /// it as the new last accepted checkpoint for the node and chain (never a smaller one).
    /// </summary>
    public static LogVerdict Accept(
        CliContext context,
        AcceptedCheckpoints store,
        LogEvidence evidence,
        WitnessQuorum quorum,
        string? pinnedLogKey
    )
    {
        var last = store.Load(AcceptedCheckpoints.OriginOf(evidence.LogVerifierKey));
        var verdict = LogVerification.Verify(evidence, quorum, pinnedLogKey, last);
        var checkpoint = verdict.Checkpoint;
        context.Out.WriteLine($"chain: {evidence.Chain}");
        context.Out.WriteLine($"node: {evidence.Node}");
        context.Out.WriteLine($"origin: {checkpoint.Origin}");
        context.Out.WriteLine($"size: {checkpoint.Size}");
        context.Out.WriteLine($"root: {Convert.ToBase64String(checkpoint.RootHash)}");
        context.Out.WriteLine(
            quorum.Witnesses.Count == 0
                ? "witnesses: none named (log signature only)"
                : $"witnesses: {verdict.Witnesses.Signed.Count} of {quorum.Witnesses.Count} named cosigned,"
                    + $" {quorum.Required} required ({string.Join(", ", verdict.Witnesses.Signed)})"
        );
        context.Out.WriteLine(
            verdict.PreviousSize switch
            {
                null => "previous: none (first checkpoint accepted of this log)",
                { } same when same == checkpoint.Size => $"previous: size {same}, the same root",
                { } previous => $"previous: size {previous}, extended consistently",
            }
        );
        // Any rollback was refused: this is never smaller than what was kept (and may carry more cosignatures).
        store.Save(new AcceptedCheckpoint(evidence.LogVerifierKey, evidence.Checkpoint));

        return verdict;
    }
}
