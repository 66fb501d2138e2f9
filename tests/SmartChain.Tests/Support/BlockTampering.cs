using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Crypto;

namespace SmartChain.Tests.Support;

/// <summary>The ways a man in the middle can alter a served block without the BPSC's private key.</summary>
public enum TamperKind
{
    /// <summary>A transaction's <c>amount_receive</c> raised (the header and signature left as served).</summary>
    Amount,

    /// <summary>A header field (<c>timestamp_ms</c>) changed, the served hash and signature kept.</summary>
    HeaderField,

    /// <summary>The header re-signed with a key that is not the BPSC's.</summary>
    Signature,

    /// <summary><c>previous_hash</c> pointed elsewhere: the block no longer links to its predecessor.</summary>
    Link,
}

/// <summary>
/// Applies a <see cref="TamperKind"/> to a block in its wire form (a JSON object as <c>GET /chains/{chain}/blocks</c>
/// serves it).
/// </summary>
public static class BlockTampering
{
    public static void Apply(TamperKind kind, JsonObject block)
    {
        switch (kind)
        {
            case TamperKind.Amount:
                var transactions = block["transactions"]!.AsArray();
                if (transactions.Count == 0)
                {
                    throw new InvalidOperationException("tampering with an amount needs a block with a transfer");
                }

                var transfer = transactions[0]!.AsObject();
                transfer["amount_receive"] = (
                    decimal.Parse(
                        transfer["amount_receive"]!.GetValue<string>(),
                        System.Globalization.CultureInfo.InvariantCulture
                    ) + 1000m
                ).ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            case TamperKind.HeaderField:
                block["timestamp_ms"] = block["timestamp_ms"]!.GetValue<long>() + 1;
                break;
            case TamperKind.Signature:
                using (var impostor = SigningKey.Generate())
                {
                    var served =
                        BlockJson.TryRead(JsonSerializer.SerializeToElement(block), out var error)
                        ?? throw new InvalidDataException(error);
                    block["signature"] = Base64Url.Encode(impostor.Sign(served.Header.CanonicalBytes()));
                }

                break;
            case TamperKind.Link:
                block["previous_hash"] = new string('0', 64);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>The same block after tampering, through its wire form.</summary>
    public static Block Apply(TamperKind kind, Block block)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            BlockJson.Write(writer, block);
        }

        var json = JsonNode.Parse(buffer.ToArray())!.AsObject();
        Apply(kind, json);
        return BlockJson.TryRead(JsonSerializer.SerializeToElement(json), out var error)
            ?? throw new InvalidDataException(error);
    }
}
