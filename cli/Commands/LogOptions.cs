using System.CommandLine;
using SmartChain.Cli.Logs;

namespace SmartChain.Cli.Commands;

/// <summary>The options of every command that checks a chain's log against named witnesses (SPEC §12).</summary>
internal sealed class LogOptions
{
    public Option<string[]> Witness { get; } =
        new("--witness")
        {
            Description =
                "A witness's signed-note verifier key (name+keyid+base64); repeat for each witness you trust.",
            AllowMultipleArgumentsPerToken = false,
        };

    public Option<int?> Quorum { get; } =
        new("--quorum")
        {
            Description = "How many of the named witnesses must have cosigned the checkpoint (default: all of them).",
        };

    public Option<string?> LogKey { get; } =
        new("--log-key")
        {
            Description =
                "Expected log verifier key of the chain, obtained out of band (default: the one the node "
                + "announces, then the one this wallet accepted before).",
        };

    public Option<string?> Wallet { get; } =
        CliOptions.Wallet(
            "Key file whose folder keeps the last accepted checkpoint of each log (default: $SMARTCHAIN_WALLET, "
                + "else ~/.smartchain/wallet.json; the file itself need not exist)."
        );

    public IEnumerable<Option> All => [Witness, Quorum, LogKey, Wallet];

    public WitnessQuorum ReadQuorum(ParseResult parse) =>
        WitnessQuorum.Parse(parse.GetValue(Witness) ?? [], parse.GetValue(Quorum));

    /// <summary>True when the user asked for any log check at all.</summary>
    public bool Asked(ParseResult parse) =>
        (parse.GetValue(Witness) ?? []).Length > 0
        || parse.GetValue(Quorum) is not null
        || parse.GetValue(LogKey) is not null;
}
