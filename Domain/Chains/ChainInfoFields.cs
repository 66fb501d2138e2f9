using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Domain.Chains;

/// <summary>
/// What <c>GET /chains/{chain}</c> announces beside a chain's settings: fields that describe one node's copy of the
/// chain (who produces it, how far it is, its keys, a note), not the chain's rules. Whoever reads the settings back
/// from the info — a replica pinning a chain, the CLI's audit, the tests — strips exactly these.
/// </summary>
public static class ChainInfoFields
{
    public static readonly IReadOnlyList<string> NodeOnly =
    [
        "producer",
        "height",
        "head_hash",
        "bpsc_public_key",
        "note",
        "log_origin",
        "log_verifier_key",
    ];

    /// <summary>
    /// The settings a chain's info holds (the info minus <see cref="NodeOnly"/>), or null with why not.
    /// </summary>
    public static ChainSettings? TryReadSettings(JsonElement info, out string? error)
    {
        if (info.ValueKind != JsonValueKind.Object)
        {
            error = "chain info must be a JSON object";
            return null;
        }

        var settings = new JsonObject();
        foreach (var property in info.EnumerateObject().Where(p => !NodeOnly.Contains(p.Name)))
        {
            settings[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return ChainSettingsJson.TryRead(JsonSerializer.SerializeToElement(settings), out error);
    }
}
