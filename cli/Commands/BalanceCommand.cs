using System.CommandLine;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;
using SmartChain.Domain.Crypto;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain balance --chain C [--address A | --wallet PATH]</c>: balance, reserved, spendable and next nonce.
/// </summary>
internal static class BalanceCommand
{
    public static Command Create(CliContext context)
    {
        var chain = CliOptions.Chain();
        var address = new Option<string?>("--address")
        {
            Description = "Account to show (default: the wallet's address).",
        };
        var wallet = CliOptions.Wallet();
        var url = CliOptions.Url();
        var command = new Command("balance", "Show an account on a ledger chain.") { chain, address, wallet, url };
        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var chainId = CliOptions.ParseChain(parse.GetValue(chain)!);
                var account = parse.GetValue(address);
                if (account is not null && parse.GetValue(wallet) is not null)
                {
                    throw new CliFailure("give --address or --wallet, not both");
                }

                if (account is null)
                {
                    using var keys = Wallet.Load(WalletPath.Resolve(parse.GetValue(wallet), context));
                    account = keys.Address;
                }
                else if (Address.TryParse(account) is null)
                {
                    throw new CliFailure($"--address must be 40 lowercase hex characters, not '{account}'");
                }

                using var api = CliOptions.Api(parse.GetValue(url), context);
                var info = await api.GetAccountAsync(chainId, account, cancellationToken);
                context.Out.WriteLine($"address: {info.Address}");
                context.Out.WriteLine($"balance: {info.Balance}");
                context.Out.WriteLine($"reserved: {info.Reserved}");
                context.Out.WriteLine($"spendable: {AmountText.Spendable(info.Balance, info.Reserved)}");
                context.Out.WriteLine($"next_nonce: {info.NextNonce}");
                return 0;
            }
        );
        return command;
    }
}
