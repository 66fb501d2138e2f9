using System.CommandLine;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain mint --chain C --to ADDRESS --amount DECIMAL [--wallet ISSUER]</c>: a <c>type:"mint"</c>
/// request signed by the chain's issuer key (the sender is the issuer's address); otherwise exactly like send.
/// </summary>
internal static class MintCommand
{
    public static Command Create(CliContext context)
    {
        var chain = CliOptions.Chain();
        var to = new Option<string>("--to") { Description = "Recipient address (40 lowercase hex).", Required = true };
        var amount = new Option<string>("--amount") { Description = "Amount to mint as a plain decimal.", Required = true };
        var url = CliOptions.Url();
        var wallet = CliOptions.Wallet("The issuer's key file, whose public key the chain was created with.");
        var noWait = CliOptions.NoWait();
        var nonce = CliOptions.Nonce();
        var timeout = CliOptions.Timeout();
        var command = new Command("mint", "Mint new tokens on a ledger chain with the issuer's key (no fee).")
        {
            chain, to, amount, url, wallet, noWait, nonce, timeout,
        };
        command.SetGuardedAction(context, async (parse, cancellationToken) =>
        {
            var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
            using var issuer = Wallet.Load(WalletPath.Resolve(parse.GetValue(wallet), context));
            using var api = CliOptions.Api(parse.GetValue(url), context);
            return await new LedgerSubmission(api, context).RunAsync(
                issuer, chainId, parse.GetValue(to)!, parse.GetValue(amount)!, parse.GetValue(nonce), LedgerRequest.Mint,
                wait: !parse.GetValue(noWait), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken);
        });
        return command;
    }
}
