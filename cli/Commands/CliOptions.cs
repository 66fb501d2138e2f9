using System.CommandLine;
using SmartChain.Cli.Http;

namespace SmartChain.Cli.Commands;

/// <summary>Options several commands share, and how their values are resolved and checked.</summary>
internal static class CliOptions
{
    public const string UrlVariable = "SMARTCHAIN_URL";

    public static Option<string?> Url() =>
        new("--url") { Description = $"Base URL of the node (default: ${UrlVariable}, else {NodeApi.DefaultUrl})." };

    public static Option<string?> Wallet(
        string description = "Key file (default: $SMARTCHAIN_WALLET, else ~/.smartchain/wallet.json)."
    ) => new("--wallet") { Description = description };

    public static Option<string> Chain() => new("--chain") { Description = "Chain id, e.g. gold.", Required = true };

    public static Option<bool> NoWait() =>
        new("--no-wait")
        {
            Description = "Print the id once the node accepts the transaction; do not wait for its block.",
        };

    public static Option<long?> Nonce() =>
        new("--nonce") { Description = "Use this nonce instead of the account's next_nonce." };

    public static Option<int> Timeout() =>
        new("--timeout")
        {
            Description = "Seconds to wait for the block before giving up (the transaction stays accepted).",
            DefaultValueFactory = _ => 120,
        };

    public static NodeApi Api(string? url, CliContext context) =>
        new(NodeApi.ParseUrl(url ?? context.Env(UrlVariable) ?? NodeApi.DefaultUrl));

    public static string ParseChain(string text) =>
        Domain.Chains.ChainId.TryParse(text)?.Value
        ?? throw new CliFailure($"--chain must be 1–32 characters of a-z, 0-9 and '-', not '{text}'");

    /// <summary>Runs an action, printing expected failures as <c>error: …</c> with exit code 1.</summary>
    public static void SetGuardedAction(
        this Command command,
        CliContext context,
        Func<ParseResult, CancellationToken, Task<int>> action
    ) =>
        command.SetAction(
            async (parse, cancellationToken) =>
            {
                try
                {
                    return await action(parse, cancellationToken);
                }
                catch (CliFailure failure)
                {
                    await context.Error.WriteLineAsync($"error: {failure.Message}");
                    return 1;
                }
            }
        );
}
