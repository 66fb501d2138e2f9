using System.Text.Json.Nodes;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The wire form of <c>GET /chains/{chain}</c>: the settings plus producer, height, head hash and BPSC public key.
/// </summary>
public static class ChainInfo
{
    public static JsonObject Of(ChainRecord chain, ChainHead head)
    {
        var json = ChainSettingsJson.Write(chain.Settings);
        json["producer"] = new JsonObject
        {
            ["kind"] = chain.IsLocal ? "local" : "remote",
            ["url"] = chain.RemoteUrl?.ToString(),
        };
        json["height"] = head.Height;
        json["head_hash"] = head.Hash?.Value;
        json["bpsc_public_key"] = chain.BpscPublicKey;
        if (chain.Log is { } log)
        {
            json["log_origin"] = log.Name;
            json["log_verifier_key"] = log.Text;
        }
        if (chain.Settings.Kind == ChainKind.Token && chain.Settings.Mode == TokenMode.Open)
        {
            json["note"] =
                "open mode: the article's flow, with no balances and no signatures; use a ledger chain for real money";
        }

        return json;
    }
}
