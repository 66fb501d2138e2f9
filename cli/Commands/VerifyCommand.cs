using System.CommandLine;
using SmartChain.Cli.Logs;
using SmartChain.Cli.Verification;
using SmartChain.Cli.Wallets;
using SmartChain.Domain.Merkle;
using Spectre.Console;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain verify --url URL --chain C [--bpsc-key KEY]</c>: downloads and verifies the whole chain,
/// then prints blocks, transactions, head and OK — or the first failure with its reason, and exit code 1.
/// With <c>--witness VKEY… [--quorum K]</c> it also checks the chain's checkpoint (log key, witness quorum,
/// consistency with the checkpoint this wallet accepted before) and that its root is that of the verified entries.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var url = CliOptions.Url();
        var chain = CliOptions.Chain();
        var bpscKey = new Option<string?>("--bpsc-key")
        {
            Description =
                "Expected BPSC public key (base64url SPKI) obtained out of band; without it the node's announced key "
                + "is used.",
        };
        var log = new LogOptions();
        var command = new Command(
            "verify",
            "Download a chain and verify every block: hashes, links, BPSC signatures, Merkle roots, entries."
        )
        {
            url,
            chain,
            bpscKey,
        };
        foreach (var option in log.All)
        {
            command.Options.Add(option);
        }

        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
                using var api = CliOptions.Api(parse.GetValue(url), context);
                var store = new AcceptedCheckpoints(WalletPath.Resolve(parse.GetValue(log.Wallet), context));
                LogEvidence? evidence = null;
                LogVerdict? verdict = null;
                if (log.Asked(parse))
                {
                    // The checkpoint first: the blocks fetched next then hold at least its entries.
                    var quorum = log.ReadQuorum(parse);
                    evidence = await LogEvidenceFetch.FetchAsync(api, chainId, store, null, cancellationToken);
                    var last = store.Load(AcceptedCheckpoints.OriginOf(evidence.LogVerifierKey));
                    verdict = LogVerification.Verify(evidence, quorum, parse.GetValue(log.LogKey), last);
                }

                var audit = new ChainAudit(api) { LeafHashes = verdict is null ? null : [] };
                var report = await context
                    .Ui.Progress()
                    .AutoClear(true)
                    .StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"verifying {chainId}", maxValue: 1);
                        var result = await audit.RunAsync(
                            chainId,
                            parse.GetValue(bpscKey),
                            (done, height) =>
                            {
                                task.MaxValue = Math.Max(height, 1);
                                task.Value = done;
                            },
                            cancellationToken
                        );
                        task.StopTask();
                        return result;
                    });
                context.Out.WriteLine($"chain: {report.Chain}");
                context.Out.WriteLine($"blocks: {report.Blocks}");
                context.Out.WriteLine($"transactions: {report.Transactions}");
                context.Out.WriteLine($"head: {report.HeadHash ?? "-"}");
                if (report.Supply is { } supply)
                {
                    context.Out.WriteLine(
                        $"supply: minted {supply.Minted}, burned {supply.Burned}, {supply.Accounts} accounts"
                    );
                }

                if (report.Ok && verdict is not null)
                {
                    var checkpoint = verdict.Checkpoint;
                    var leaves = audit.LeafHashes!;
                    var size = checkpoint.Size;
                    if (leaves.Count < size)
                    {
                        report = report with { Failure = $"the checkpoint has size {size}, the blocks {leaves.Count}" };
                    }
                    else if (
                        !MerkleTree.RootFromLeafHashes([.. leaves.Take((int)size)]).SequenceEqual(checkpoint.RootHash)
                    )
                    {
                        report = report with
                        {
                            Failure = $"the checkpoint's root at size {size} is not the root of the verified entries",
                        };
                    }

                    var root = Convert.ToBase64String(checkpoint.RootHash);
                    context.Out.WriteLine($"checkpoint: size {size}, root {root}");
                    context.Out.WriteLine(
                        $"witnesses: {verdict.Witnesses.Signed.Count} cosigned"
                            + (
                                verdict.Witnesses.Signed.Count > 0
                                    ? $" ({string.Join(", ", verdict.Witnesses.Signed)})"
                                    : ""
                            )
                    );
                    if (report.Ok)
                    {
                        store.Save(new AcceptedCheckpoint(evidence!.LogVerifierKey, evidence.Checkpoint));
                    }
                }

                if (report.Ok)
                {
                    context.Out.WriteLine("result: OK");
                    return 0;
                }

                context.Out.WriteLine($"result: FAILED: {report.Failure}");
                await context.Error.WriteLineAsync($"error: verification failed: {report.Failure}");
                return 1;
            }
        );
        return command;
    }
}
