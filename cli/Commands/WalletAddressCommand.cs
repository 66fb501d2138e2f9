using System.CommandLine;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain wallet address [--wallet PATH]</c>: prints the wallet's address alone, for <c>$(…)</c> in scripts.
/// </summary>
internal static class WalletAddressCommand
{
    public static Command Create(CliContext context)
    {
        var walletOption = CliOptions.Wallet();
        var command = new Command("address", "Print the wallet's address (first 40 hex of SHA-256 of its public key).")
        {
            walletOption,
        };
        command.SetGuardedAction(
            context,
            (parse, _) =>
            {
                using var wallet = Wallet.Load(WalletPath.Resolve(parse.GetValue(walletOption), context));
                context.Out.WriteLine(wallet.Address);
                return Task.FromResult(0);
            }
        );
        return command;
    }
}
