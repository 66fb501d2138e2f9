using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Cli.Logs;

/// <summary>
/// Where the CLI keeps the last checkpoint it accepted per log: beside the wallet, in
/// <c>checkpoints/&lt;log origin&gt;.json</c> (<c>{log_verifier_key, note}</c>), written whole to a temporary file and
/// renamed so a crash never leaves half a file. The origin (<c>&lt;SMARTCHAIN_LOG_ORIGIN&gt;/&lt;chain&gt;</c>) names a
/// deployment's chain: its BPSC and every replica serve that one log, so whichever node or proxy answers next, and
/// under whatever URL, must extend what was accepted from any of them.
/// </summary>
public sealed class AcceptedCheckpoints(string walletPath)
{
    // A file people read: '+' in keys and '—' in notes stay as they are (nothing here is embedded in HTML).
    private static readonly JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Directory { get; } =
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(walletPath))!, "checkpoints");

    /// <summary>The file for a log origin, made a safe file name ('/' and anything unusual become '_').</summary>
    public string FileOf(string origin)
    {
        var name = new StringBuilder();
        foreach (var c in origin)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }

        return Path.Combine(Directory, name + ".json");
    }

    /// <summary>The origin named by a vkey (its name, before the first '+').</summary>
    public static string OriginOf(string logVerifierKey) => logVerifierKey.Split('+')[0];

    public AcceptedCheckpoint? Load(string origin)
    {
        var path = FileOf(origin);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new AcceptedCheckpoint(
                json["log_verifier_key"]!.GetValue<string>(),
                json["note"]!.GetValue<string>()
            );
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new CliFailure($"the accepted checkpoint {path} is damaged ({e.Message}); remove it to start over");
        }
    }

    public void Save(AcceptedCheckpoint accepted)
    {
        var path = FileOf(OriginOf(accepted.LogVerifierKey));
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var json = new JsonObject { ["log_verifier_key"] = accepted.LogVerifierKey, ["note"] = accepted.Note };
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, json.ToJsonString(Readable));
        File.Move(temporary, path, overwrite: true);
    }
}
