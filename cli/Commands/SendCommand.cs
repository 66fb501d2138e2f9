using System.CommandLine;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain send --chain C --to ADDRESS --amount DECIMAL</c>: signs a ledger transfer with the wallet,
/// submits it, waits for its block and verifies the inclusion proof locally.
/// </summary>
internal static class SendCommand
{
    public static Command Create(CliContext context)
    {
        var chain = CliOptions.Chain();
        var to = new Option<string>("--to") { Description = "Recipient address (40 lowercase hex).", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount as a plain decimal, e.g. 12.5; signed exactly as typed.", Required = true };
        var url = CliOptions.Url();
        var wallet = CliOptions.Wallet();
        var noWait = CliOptions.NoWait();
        var nonce = CliOptions.Nonce();
        var timeout = CliOptions.Timeout();
        var command = new Command("send", "Sign and send a transfer on a ledger chain, then verify its inclusion proof.")
        {
            chain, to, amount, url, wallet, noWait, nonce, timeout,
        };
        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
            using var keys = Wallet.Load(WalletPath.Resolve(parse.GetValue(wallet), context));
            using var api = CliOptions.Api(parse.GetValue(url), context);
            return await new LedgerSubmission(api, context).RunAsync(
                keys, chainId, parse.GetValue(to)!, parse.GetValue(amount)!, parse.GetValue(nonce), type: null,
                wait: !parse.GetValue(noWait), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
        });
        return command;
    }
}
