using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Cli.Logs;

/// <summary>
/// Everything a verification of a checkpoint (and optionally one receipt) needs, as fetched from a node: the chain's
/// log key, the checkpoint note with its cosignatures, a consistency proof from the size this wallet accepted before,
/// and the entry with its inclusion proof. <c>--save FILE</c> writes it; <c>--from FILE</c> verifies it offline.
/// Nothing in it is trusted: every part is checked against the log key and the named witnesses.
/// </summary>
public sealed record LogEvidence(
    string Node,
    string Chain,
    string LogVerifierKey,
    string Checkpoint,
    ConsistencyEvidence? Consistency,
    ReceiptEvidence? Receipt
)
{
    // A file people read: '+' in keys and '—' in notes stay as they are (nothing here is embedded in HTML).
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string Format = "smartchain-log-evidence/v1";

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["format"] = Format,
            ["node"] = Node,
            ["chain"] = Chain,
            ["log_verifier_key"] = LogVerifierKey,
            ["checkpoint"] = Checkpoint,
        };
        if (Consistency is { } consistency)
        {
            json["consistency"] = new JsonObject
            {
                ["from"] = consistency.FromSize,
                ["hashes"] = Array(consistency.Hashes),
            };
        }

        if (Receipt is { } receipt)
        {
            json["receipt"] = new JsonObject
            {
                ["id"] = receipt.Id,
                ["log_index"] = receipt.LogIndex,
                ["entry"] = JsonNode.Parse(receipt.Entry.GetRawText()),
                ["hashes"] = Array(receipt.Hashes),
            };
        }

        return json;
    }

    public void Save(string path)
    {
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson().ToJsonString(Readable));
        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="CliFailure">The file is missing or is not evidence of this format.</exception>
    public static LogEvidence Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliFailure($"no evidence file {path}");
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            if (json["format"]?.GetValue<string>() != Format)
            {
                throw new CliFailure($"{path} is not {Format} evidence");
            }

            ConsistencyEvidence? consistency = null;
            if (json["consistency"] is JsonObject c)
            {
                consistency = new ConsistencyEvidence(c["from"]!.GetValue<long>(), Hashes(c["hashes"]));
            }

            ReceiptEvidence? receipt = null;
            if (json["receipt"] is JsonObject r)
            {
                receipt = new ReceiptEvidence(
                    r["id"]!.GetValue<string>(),
                    r["log_index"]!.GetValue<long>(),
                    JsonSerializer.SerializeToElement(r["entry"]),
                    Hashes(r["hashes"])
                );
            }

            return new LogEvidence(
                json["node"]!.GetValue<string>(),
                json["chain"]!.GetValue<string>(),
                json["log_verifier_key"]!.GetValue<string>(),
                json["checkpoint"]!.GetValue<string>(),
                consistency,
                receipt
            );
        }
        catch (Exception e)
            when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new CliFailure($"{path} is not valid {Format} evidence: {e.Message}");
        }
    }

    private static JsonArray Array(IReadOnlyList<byte[]> hashes) =>
        new(hashes.Select(h => (JsonNode)Convert.ToBase64String(h)).ToArray());

    private static IReadOnlyList<byte[]> Hashes(JsonNode? array) =>
        array!
            .AsArray()
            .Select(h =>
                Domain.Log.Base64.TryDecode(h!.GetValue<string>())
                ?? throw new FormatException($"'{h}' is not a base64 hash")
            )
            .ToList();
}

/// <summary>RFC 6962 consistency proof from the tree of <paramref name="FromSize"/> leaves to the checkpoint.</summary>
public sealed record ConsistencyEvidence(long FromSize, IReadOnlyList<byte[]> Hashes);

/// <summary>One entry as the node served it, its leaf index, and its inclusion proof up to the checkpoint.</summary>
public sealed record ReceiptEvidence(string Id, long LogIndex, JsonElement Entry, IReadOnlyList<byte[]> Hashes);
