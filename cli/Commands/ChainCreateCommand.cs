using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;
using SmartChain.Domain.Crypto;

namespace SmartChain.Cli.Commands;

/// <summary>
/// <c>smartchain chain create --id ID --kind token|data …</c>: the admin's <c>POST /chains</c>, with the
/// issuer key taken from a wallet file and the genesis allocation given as <c>ADDRESS=AMOUNT</c> pairs.
/// </summary>
internal static class ChainCreateCommand
{
    public const string AdminKeyVariable = "SMARTCHAIN_ADMIN_KEY";

    public static Command Create(CliContext context)
    {
        var id = new Option<string>("--id")
        {
            Description = "Chain id: 1–32 characters of a-z, 0-9 and '-'.",
            Required = true,
        };
        var kind = new Option<string>("--kind") { Description = "token or data.", Required = true };
        kind.AcceptOnlyFromAmong("token", "data");
        var mode = new Option<string?>("--mode")
        {
            Description =
                "Token chains: ledger (signed transfers, balances) or open (the article's flow). Node default: open.",
        };
        mode.AcceptOnlyFromAmong("ledger", "open");
        var decimals = new Option<int?>("--decimals")
        {
            Description = "Token chains: decimal places, 0–18 (node default 8).",
        };
        var feeRate = new Option<string?>("--fee-rate")
        {
            Description = "Token chains: the BPSC's share, e.g. 0.00005.",
        };
        var feePolicy = new Option<string?>("--fee-policy")
        {
            Description = "Token chains: accumulate (in the BPSC wallet) or burn.",
        };
        feePolicy.AcceptOnlyFromAmong("accumulate", "burn");
        var interval = new Option<string?>("--interval")
        {
            Description = "Forge on this six-field NCRONTAB schedule, seconds first, e.g. \"*/10 * * * * *\".",
        };
        var count = new Option<int?>("--count")
        {
            Description = "Forge every N transactions (1 = a block per transaction).",
        };
        var heartbeat = new Option<bool>("--heartbeat") { Description = "Forge empty blocks on interval ticks too." };
        var issuerWallet = new Option<string?>("--issuer-wallet")
        {
            Description =
                "Ledger chains: the key file whose public key may mint (default: $SMARTCHAIN_WALLET, else "
                + "~/.smartchain/wallet.json).",
        };
        var genesis = new Option<string[]>("--genesis")
        {
            Description = "Ledger chains: initial allocation ADDRESS=AMOUNT (repeat the option for several).",
            AllowMultipleArgumentsPerToken = false,
        };
        var url = CliOptions.Url();
        var adminKey = new Option<string?>("--admin-key")
        {
            Description = $"The node's admin key (default: ${AdminKeyVariable}).",
        };
        var command = new Command("create", "Create a chain on a node (admin).")
        {
            id,
            kind,
            mode,
            decimals,
            feeRate,
            feePolicy,
            interval,
            count,
            heartbeat,
            issuerWallet,
            genesis,
            url,
            adminKey,
        };
        command.SetGuardedAction(
            context,
            async (parse, cancellationToken) =>
            {
                var body = new JsonObject
                {
                    ["id"] = CliOptions.ParseChain(parse.GetValue(id)!),
                    ["kind"] = parse.GetValue(kind),
                };
                var token = new (string Option, JsonNode? Value)[]
                {
                    ("--mode", parse.GetValue(mode)),
                    ("--decimals", parse.GetValue(decimals)),
                    ("--fee-rate", parse.GetValue(feeRate)),
                    ("--fee-policy", parse.GetValue(feePolicy)),
                    ("--issuer-wallet", IssuerKey(parse.GetValue(issuerWallet), parse.GetValue(mode), context)),
                    ("--genesis", Genesis(parse.GetValue(genesis) ?? [], parse.GetValue(decimals) ?? 8)),
                };
                var fields = new[] { "mode", "decimals", "fee_rate", "fee_policy", "issuer_public_key", "genesis" };
                for (var i = 0; i < token.Length; i++)
                {
                    if (token[i].Value is null)
                    {
                        continue;
                    }

                    if (parse.GetValue(kind) == "data")
                    {
                        throw new CliFailure($"{token[i].Option} does not apply to a data chain");
                    }

                    body[fields[i]] = token[i].Value;
                }

                if (
                    (body["issuer_public_key"] is not null || body["genesis"] is not null)
                    && parse.GetValue(mode) != "ledger"
                )
                {
                    throw new CliFailure("--issuer-wallet and --genesis need --mode ledger");
                }

                var policy = new JsonObject();
                if (parse.GetValue(interval) is { } cron)
                {
                    policy["interval"] = cron;
                }

                if (parse.GetValue(count) is { } every)
                {
                    policy["count"] = every;
                }

                if (parse.GetValue(heartbeat))
                {
                    policy["heartbeat"] = true;
                }

                if (policy.Count > 0)
                {
                    body["policy"] = policy;
                }

                var key =
                    parse.GetValue(adminKey)
                    ?? context.Env(AdminKeyVariable)
                    ?? throw new CliFailure(
                        $"creating a chain needs the node's admin key: --admin-key or ${AdminKeyVariable}"
                    );
                using var api = CliOptions.Api(parse.GetValue(url), context);
                var created = await api.CreateChainAsync(body, key, cancellationToken);
                foreach (
                    var field in new[]
                    {
                        "id",
                        "kind",
                        "mode",
                        "decimals",
                        "fee_rate",
                        "fee_policy",
                        "issuer_public_key",
                        "height",
                        "head_hash",
                        "bpsc_public_key",
                    }
                )
                {
                    if (created.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
                    {
                        context.Out.WriteLine(
                            $"{field}: "
                                + (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())
                        );
                    }
                }

                if (created.TryGetProperty("policy", out var served))
                {
                    context.Out.WriteLine($"policy: {served.GetRawText()}");
                }

                return 0;
            }
        );
        return command;
    }

    /// <summary>A ledger chain needs an issuer key: the one given, else the user's own wallet.</summary>
    private static JsonNode? IssuerKey(string? path, string? mode, CliContext context)
    {
        if (path is null && mode != "ledger")
        {
            return null;
        }

        using var issuer = Wallet.Load(WalletPath.Resolve(path, context));
        return issuer.Key.PublicKey.Base64Url;
    }

    private static JsonNode? Genesis(string[] allocations, int decimals)
    {
        if (allocations.Length == 0)
        {
            return null;
        }

        var genesis = new JsonArray();
        foreach (var allocation in allocations)
        {
            var parts = allocation.Split('=');
            if (parts.Length != 2 || Address.TryParse(parts[0]) is null)
            {
                throw new CliFailure(
                    $"--genesis takes ADDRESS=AMOUNT with a 40 lowercase hex address, not '{allocation}'"
                );
            }

            genesis.Add(
                new JsonObject
                {
                    ["address"] = parts[0],
                    ["amount"] = AmountText.Validate(parts[1], decimals, "--genesis amount"),
                }
            );
        }

        return genesis;
    }
}
