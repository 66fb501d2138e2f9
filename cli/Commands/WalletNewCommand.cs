using System.CommandLine;
using SmartChain.Cli.Wallets;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain wallet new [--wallet PATH]</c>: a fresh P-256 key file, mode 0600, never over an existing one.
/// </summary>
internal static class WalletNewCommand
{
    public static Command Create(CliContext context)
    {
        var walletOption = CliOptions.Wallet(
            "Where to write the key file (default: $SMARTCHAIN_WALLET, else ~/.smartchain/wallet.json)."
        );
        var command = new Command("new", "Create a new wallet key file (mode 0600; refuses to overwrite).")
        {
            walletOption,
        };
        command.SetGuardedAction(
            context,
            (parse, _) =>
            {
                using var wallet = Wallet.Create(WalletPath.Resolve(parse.GetValue(walletOption), context));
                context.Out.WriteLine($"address: {wallet.Address}");
                context.Out.WriteLine($"wallet: {wallet.Path}");
                return Task.FromResult(0);
            }
        );
        return command;
    }
}
