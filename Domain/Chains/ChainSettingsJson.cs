using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Money;

namespace SmartChain.Domain.Chains;

/// <summary>
/// The JSON form of a chain's settings (SPEC §5): how they are created, stored, served and read back by
/// replicas. Reading is strict: unknown fields and fields that do not apply to the kind are errors.
/// </summary>
public static class ChainSettingsJson
{
    private static readonly string[] TokenFields =
    [
        "id",
        "kind",
        "mode",
        "decimals",
        "fee_rate",
        "fee_policy",
        "policy",
        "max_block_tx",
        "issuer_public_key",
        "genesis",
        "max_transfer",
        "blocked_recipients",
    ];
    private static readonly string[] LedgerOnlyFields =
    [
        "issuer_public_key",
        "genesis",
        "max_transfer",
        "blocked_recipients",
    ];
    private static readonly string[] DataFields = ["id", "kind", "policy", "max_block_tx"];

    public static JsonObject Write(ChainSettings chain)
    {
        var json = new JsonObject { ["id"] = chain.Id.Value, ["kind"] = Name(chain.Kind) };
        if (chain.Kind == ChainKind.Token)
        {
            json["mode"] = Name(chain.Mode);
            json["decimals"] = chain.Decimals;
            json["fee_rate"] = chain.FeeRate.ToString();
            json["fee_policy"] = Name(chain.FeePolicy);
            if (chain.IsLedger)
            {
                json["issuer_public_key"] = chain.IssuerPublicKey;
                json["genesis"] = new JsonArray(
                    chain
                        .Genesis.Select(g =>
                            (JsonNode)new JsonObject { ["address"] = g.Address, ["amount"] = g.Amount.ToString() }
                        )
                        .ToArray()
                );
                if (chain.MaxTransfer is { } max)
                {
                    json["max_transfer"] = max.ToString();
                }

                json["blocked_recipients"] = new JsonArray(
                    chain.BlockedRecipients.Select(a => (JsonNode)JsonValue.Create(a)).ToArray()
                );
            }
        }

        json["policy"] = WritePolicy(chain.Policy);
        json["max_block_tx"] = chain.MaxBlockTx;
        return json;
    }

    public static JsonObject WritePolicy(ProductionPolicy policy)
    {
        var json = new JsonObject();
        if (policy.Interval is not null)
        {
            json["interval"] = policy.Interval;
        }

        if (policy.Count is not null)
        {
            json["count"] = policy.Count;
        }

        json["heartbeat"] = policy.Heartbeat;
        return json;
    }

    /// <summary>Reads settings; null with a precise error when any field is missing, unknown or invalid.</summary>
    public static ChainSettings? TryRead(JsonElement json, out string? error)
    {
        error = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "the body must be a JSON object";
            return null;
        }

        var id = ChainId.TryParse(String(json, "id"));
        if (id is null)
        {
            error = "id must be 1–32 characters of a-z, 0-9 and '-'";
            return null;
        }

        var kind = String(json, "kind") switch
        {
            "token" => ChainKind.Token,
            "data" => ChainKind.Data,
            _ => (ChainKind?)null,
        };
        if (kind is null)
        {
            error = "kind must be \"token\" or \"data\"";
            return null;
        }

        var allowed = kind == ChainKind.Token ? TokenFields : DataFields;
        var unknown = json.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !allowed.Contains(name));
        if (unknown is not null)
        {
            error = $"field '{unknown}' does not apply to a {String(json, "kind")} chain";
            return null;
        }

        var mistyped = json.EnumerateObject()
            .Where(p =>
                p.Value.ValueKind != ExpectedKind(p.Name)
                && !(p.Name == "fee_rate" && p.Value.ValueKind == JsonValueKind.Number)
            )
            .Select(p => p.Name)
            .FirstOrDefault();
        if (mistyped is not null)
        {
            error = $"field '{mistyped}' must be a JSON {ExpectedKind(mistyped).ToString().ToLowerInvariant()}";
            return null;
        }

        var policy = ReadPolicy(json, out error);
        var maxBlockTx = Int(json, "max_block_tx") ?? ChainSettings.DefaultMaxBlockTx;
        if (policy is null)
        {
            return null;
        }

        if (maxBlockTx is < 1 or > ChainSettings.DefaultMaxBlockTx)
        {
            error = $"max_block_tx must be between 1 and {ChainSettings.DefaultMaxBlockTx}";
            return null;
        }

        var settings = new ChainSettings
        {
            Id = id.Value,
            Kind = kind.Value,
            Policy = policy,
            MaxBlockTx = maxBlockTx,
        };
        return kind == ChainKind.Data ? settings : ReadToken(json, settings, out error);
    }

    private static ChainSettings? ReadToken(JsonElement json, ChainSettings settings, out string? error)
    {
        error = null;
        var mode = (String(json, "mode") ?? "open") switch
        {
            "open" => TokenMode.Open,
            "ledger" => TokenMode.Ledger,
            _ => (TokenMode?)null,
        };
        var decimals = Int(json, "decimals") ?? 8;
        var feeRate = json.TryGetProperty("fee_rate", out var rate)
            ? FeeRate.TryParse(RequestText(rate))
            : FeeRate.Default;
        var feePolicy = (String(json, "fee_policy") ?? "accumulate") switch
        {
            "accumulate" => FeePolicy.Accumulate,
            "burn" => FeePolicy.Burn,
            _ => (FeePolicy?)null,
        };
        error =
            mode is null ? "mode must be \"open\" or \"ledger\""
            : decimals is < 0 or > 18 ? "decimals must be between 0 and 18"
            : feeRate is null ? "fee_rate must be a decimal string in [0, 1), e.g. \"0.00005\""
            : feePolicy is null ? "fee_policy must be \"accumulate\" or \"burn\""
            : null;
        if (error is not null)
        {
            return null;
        }

        settings = settings with
        {
            Mode = mode!.Value,
            Decimals = decimals,
            FeeRate = feeRate!.Value,
            FeePolicy = feePolicy!.Value,
        };
        if (mode == TokenMode.Open)
        {
            var ledgerOnly = LedgerOnlyFields.FirstOrDefault(f => json.TryGetProperty(f, out _));
            error = ledgerOnly is null ? null : $"field '{ledgerOnly}' applies to ledger-mode chains only";
            return error is null ? settings : null;
        }

        return ReadLedger(json, settings, out error);
    }

    private static ChainSettings? ReadLedger(JsonElement json, ChainSettings settings, out string? error)
    {
        error = null;
        var issuer = String(json, "issuer_public_key");
        using (var key = Crypto.PublicKey.TryParse(issuer))
        {
            if (key is null)
            {
                error = "issuer_public_key must be a base64url (no padding) P-256 SubjectPublicKeyInfo";
                return null;
            }
        }

        var genesis = new List<GenesisAllocation>();
        if (json.TryGetProperty("genesis", out var allocations))
        {
            foreach (var allocation in allocations.EnumerateArray())
            {
                var address =
                    allocation.ValueKind == JsonValueKind.Object
                        ? Crypto.Address.TryParse(String(allocation, "address"))
                        : null;
                var amount =
                    allocation.ValueKind == JsonValueKind.Object && allocation.TryGetProperty("amount", out var a)
                        ? Amount.Read(a, settings.Decimals)
                        : AmountParse.Fail("missing");
                if (address is null || !amount.IsValid || allocation.EnumerateObject().Count() != 2)
                {
                    error =
                        $"genesis[{genesis.Count}] must be {{address: 40 lowercase hex, amount: a positive amount with "
                        + $"at most {settings.Decimals} decimals}}";
                    return null;
                }

                genesis.Add(new GenesisAllocation(address.Value.Value, amount.Amount));
            }
        }

        if (genesis.Count > 1000)
        {
            error = "genesis holds at most 1000 allocations";
            return null;
        }

        Amount? maxTransfer = null;
        if (json.TryGetProperty("max_transfer", out var max))
        {
            var parsed = Amount.Read(max, settings.Decimals);
            if (!parsed.IsValid)
            {
                error = $"max_transfer: {parsed.Error}";
                return null;
            }

            maxTransfer = parsed.Amount;
        }

        var blocked = new List<string>();
        if (json.TryGetProperty("blocked_recipients", out var recipients))
        {
            foreach (var recipient in recipients.EnumerateArray())
            {
                var address =
                    recipient.ValueKind == JsonValueKind.String ? Crypto.Address.TryParse(recipient.GetString()) : null;
                if (address is null)
                {
                    error = "blocked_recipients must hold addresses (40 lowercase hex)";
                    return null;
                }

                blocked.Add(address.Value.Value);
            }
        }

        return settings with
        {
            IssuerPublicKey = issuer,
            Genesis = genesis,
            MaxTransfer = maxTransfer,
            BlockedRecipients = blocked,
        };
    }

    private static ProductionPolicy? ReadPolicy(JsonElement json, out string? error)
    {
        error = null;
        if (!json.TryGetProperty("policy", out var policy))
        {
            return ProductionPolicy.Manual;
        }

        if (
            policy.ValueKind != JsonValueKind.Object
            || policy.EnumerateObject().Any(p => p.Name is not ("interval" or "count" or "heartbeat"))
        )
        {
            error = "policy must be an object with only interval, count and heartbeat";
            return null;
        }

        var result = new ProductionPolicy
        {
            Interval = String(policy, "interval"),
            Count = Int(policy, "count"),
            Heartbeat =
                policy.TryGetProperty("heartbeat", out var heartbeat) && heartbeat.ValueKind == JsonValueKind.True,
        };
        error =
            (
                policy.TryGetProperty("interval", out var interval)
                && interval.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)
                    ? "policy.interval must be a string"
                    : null
            )
            ?? (
                policy.TryGetProperty("count", out var count)
                    && count.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)
                || (count.ValueKind == JsonValueKind.Number && !count.TryGetInt32(out _))
                    ? "policy.count must be an integer"
                    : null
            )
            ?? (
                policy.TryGetProperty("heartbeat", out heartbeat)
                && heartbeat.ValueKind is not (JsonValueKind.True or JsonValueKind.False)
                    ? "policy.heartbeat must be true or false"
                    : null
            )
            ?? result.Validate();
        return error is null ? result : null;
    }

    private static JsonValueKind ExpectedKind(string field) =>
        field switch
        {
            "decimals" or "max_block_tx" => JsonValueKind.Number,
            "policy" => JsonValueKind.Object,
            "genesis" or "blocked_recipients" => JsonValueKind.Array,
            _ => JsonValueKind.String,
        };

    public static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string? String(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.Number
        && value.TryGetInt32(out var number)
            ? number
            : null;

    private static string? RequestText(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
}
