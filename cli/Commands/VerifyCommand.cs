using System.CommandLine;
using SmartChain.Cli.Verification;
using Spectre.Console;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain verify --url URL --chain C [--bpsc-key KEY]</c>: downloads and verifies the whole chain,
/// then prints blocks, transactions, head and OK — or the first failure with its reason, and exit code 1.
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
        var command = new Command(
            "verify",
            "Download a chain and verify every block: hashes, links, BPSC signatures, Merkle roots, entries."
        )
        {
            url,
            chain,
            bpscKey,
        };
        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
                using var api = CliOptions.Api(parse.GetValue(url), context);
                var audit = new ChainAudit(api);
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
