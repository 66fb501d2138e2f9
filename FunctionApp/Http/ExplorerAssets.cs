using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using SmartChain.Domain.Crypto;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The explorer's files, embedded in this library (so both hosts serve the same bytes) and named by content:
/// each script and stylesheet is served as <c>/assets/{name}.{hash}.{ext}</c>, where hash is the start of the
/// SHA-256 of the bytes served, and can be cached forever; a module's imports of its siblings and index.html's
/// references are rewritten to those names first (a module's hash covers the hashed names it imports, so a changed
/// module renames every module that imports it). index.html itself is never cached.
/// </summary>
public sealed partial class ExplorerAssets
{
    private const string ResourcePrefix = "explorer/";

    private readonly Dictionary<string, Asset> _byServedName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _servedNameOf = new(StringComparer.Ordinal);

    public ExplorerAssets()
    {
        var assembly = typeof(ExplorerAssets).Assembly;
        var sources = assembly
            .GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[ResourcePrefix.Length..], n => Read(assembly, n), StringComparer.Ordinal);
        if (!sources.TryGetValue("index.html", out var index))
        {
            throw new InvalidOperationException("the explorer's index.html is not embedded in the node");
        }

        foreach (var name in sources.Keys.Where(n => n != "index.html").Order(StringComparer.Ordinal))
        {
            Name(name, sources, []);
        }

        var html = AssetReference().Replace(index, m => "/assets/" + ServedName(m.Groups[1].Value));
        IndexHtml = Encoding.UTF8.GetBytes(html);
    }

    /// <summary>One file as served: its bytes and content type.</summary>
    public sealed record Asset(byte[] Bytes, string ContentType);

    /// <summary>index.html with every <c>/assets/x</c> reference renamed to its content-hashed name.</summary>
    public byte[] IndexHtml { get; }

    /// <summary>
    /// The content-hashed name <paramref name="name"/> is served under (<c>app.1f2e3d4c5b6a7988.js</c>).
    /// </summary>
    public string ServedName(string name) =>
        _servedNameOf.TryGetValue(name, out var served)
            ? served
            : throw new InvalidOperationException($"index.html names /assets/{name}, which is not embedded");

    /// <summary>The asset served under <paramref name="servedName"/>, or null: only hashed names are served.</summary>
    public Asset? Find(string servedName) => _byServedName.GetValueOrDefault(servedName);

    private string Name(string name, IReadOnlyDictionary<string, string> sources, HashSet<string> visiting)
    {
        if (_servedNameOf.TryGetValue(name, out var done))
        {
            return done;
        }

        if (!sources.TryGetValue(name, out var text) || !visiting.Add(name))
        {
            throw new InvalidOperationException($"explorer asset '{name}' is missing or imports itself in a cycle");
        }

        var rewritten = name.EndsWith(".js", StringComparison.Ordinal)
            ? SiblingImport()
                .Replace(
                    text,
                    m => m.Groups[1].Value + "./" + Name(m.Groups[2].Value, sources, visiting) + m.Groups[3].Value
                )
            : text;
        var bytes = Encoding.UTF8.GetBytes(rewritten);
        var hash = Hex.Encode(SHA256.HashData(bytes))[..16];
        var dot = name.LastIndexOf('.');
        var served = $"{name[..dot]}.{hash}{name[dot..]}";
        _servedNameOf[name] = served;
        _byServedName[served] = new Asset(bytes, ContentTypeOf(name));
        return served;
    }

    private static string ContentTypeOf(string name) =>
        Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // `from "./x.js"` and `import "./x.js"`: the only way the explorer's modules name each other.
    [GeneratedRegex("""((?:from|import)\s*")\./([a-z0-9-]+\.js)(")""")]
    private static partial Regex SiblingImport();

    [GeneratedRegex("""/assets/([a-z0-9-]+\.(?:js|css|svg))""")]
    private static partial Regex AssetReference();
}
