using System.CommandLine;
using SmartChain.Cli.Commands;

namespace SmartChain.Cli;

/// <summary>
/// The <c>smartchain</c> command tree; tests run it in-process with a <see cref="CliContext"/> of their own.
/// </summary>
public static class SmartChainCli
{
    public static RootCommand Build(CliContext context)
    {
        var wallet = new Command("wallet", "Create a key file and show its address.")
        {
            WalletNewCommand.Create(context),
            WalletAddressCommand.Create(context),
        };
        var chain = new Command("chain", "Manage chains on a node (admin).") { ChainCreateCommand.Create(context) };
        return new RootCommand(
            "SmartChain wallet and admin CLI: keys, signed ledger transfers, balances, chains and verification."
        )
        {
            wallet,
            SignedRequestCommand.Send(context),
            BalanceCommand.Create(context),
            SignedRequestCommand.Mint(context),
            chain,
            VerifyCommand.Create(context),
            LogCommands.Checkpoint(context),
            LogCommands.Receipt(context),
        };
    }

    public static Task<int> RunAsync(
        string[] args,
        CliContext context,
        CancellationToken cancellationToken = default
    ) =>
        Build(context)
            .Parse(args)
            .InvokeAsync(
                new InvocationConfiguration { Output = context.Out, Error = context.Error },
                cancellationToken
            );
}
