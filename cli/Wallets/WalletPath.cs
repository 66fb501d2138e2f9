namespace SmartChain.Cli.Wallets;

/// <summary>
/// Which key file a command uses: <c>--wallet</c>, else <c>SMARTCHAIN_WALLET</c>, else
/// <c>~/.smartchain/wallet.json</c>.
/// </summary>
public static class WalletPath
{
    public const string EnvironmentVariable = "SMARTCHAIN_WALLET";

    public static string Resolve(string? option, CliContext context) =>
        option ?? context.Env(EnvironmentVariable) ?? Path.Combine(context.HomeDirectory, ".smartchain", "wallet.json");
}
