using System.CommandLine;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain send|mint --chain C --to ADDRESS --amount DECIMAL</c>: signs a ledger request with a key file,
/// submits it, waits for its block and verifies the inclusion proof locally. A mint is the same request with
/// <c>type:"mint"</c>, signed by the chain's issuer key (the sender is the issuer's address) and paying no fee.
/// </summary>
internal static class SignedRequestCommand
{
    public static Command Send(CliContext context) =>
        Create(
            context,
            "send",
            "Sign and send a transfer on a ledger chain, then verify its inclusion proof.",
            "Amount as a plain decimal, e.g. 12.5; signed exactly as typed.",
            CliOptions.Wallet(),
            type: null
        );

    public static Command Mint(CliContext context) =>
        Create(
            context,
            "mint",
            "Mint new tokens on a ledger chain with the issuer's key (no fee).",
            "Amount to mint as a plain decimal.",
            CliOptions.Wallet("The issuer's key file, whose public key the chain was created with."),
            LedgerRequest.Mint
        );

    private static Command Create(
        CliContext context,
        string name,
        string description,
        string amountDescription,
        Option<string?> wallet,
        string? type
    )
    {
        var chain = CliOptions.Chain();
        var to = new Option<string>("--to") { Description = "Recipient address (40 lowercase hex).", Required = true };
        var amount = new Option<string>("--amount") { Description = amountDescription, Required = true };
        var url = CliOptions.Url();
        var noWait = CliOptions.NoWait();
        var nonce = CliOptions.Nonce();
        var timeout = CliOptions.Timeout();
        var command = new Command(name, description) { chain, to, amount, url, wallet, noWait, nonce, timeout };
        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
                using var keys = Wallet.Load(WalletPath.Resolve(parse.GetValue(wallet), context));
                using var api = CliOptions.Api(parse.GetValue(url), context);
                return await new LedgerSubmission(api, context).RunAsync(
                    keys,
                    chainId,
                    parse.GetValue(to)!,
                    parse.GetValue(amount)!,
                    parse.GetValue(nonce),
                    type,
                    wait: !parse.GetValue(noWait),
                    TimeSpan.FromSeconds(parse.GetValue(timeout)),
                    cancellationToken
                );
            }
        );
        return command;
    }
}
