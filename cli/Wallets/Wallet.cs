using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Crypto;

namespace SmartChain.Cli.Wallets;

/// <summary>
/// A wallet key file: <c>{"version":1, "private_key", "public_key", "address"}</c> with the PKCS#8 private
/// key and SPKI public key in base64url. Created with mode 0600 and never overwritten; loading checks that
/// the three key fields agree, so a hand-edited file cannot sign for an address it does not own.
/// </summary>
public sealed class Wallet : IDisposable
{
    public const int Version = 1;

    private Wallet(string path, SigningKey key)
    {
        Path = path;
        Key = key;
        Address = Domain.Crypto.Address.Of(key.PublicKey).Value;
    }

    public string Path { get; }

    public SigningKey Key { get; }

    public string Address { get; }

    /// <summary>Generates a P-256 key and writes it to <paramref name="path"/>, which must not exist yet.</summary>
    public static Wallet Create(string path)
    {
        if (File.Exists(path))
        {
            throw Refusal(path);
        }

        var key = SigningKey.Generate();
        var json = new JsonObject
        {
            ["version"] = Version,
            ["private_key"] = Base64Url.Encode(key.ExportPkcs8()),
            ["public_key"] = key.PublicKey.Base64Url,
            ["address"] = Domain.Crypto.Address.Of(key.PublicKey).Value,
        };
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(
                    directory,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                );
            }
        }

        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte: there is no moment when the private key is readable by others.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            key.Dispose();
            throw Refusal(path);
        }

        using (stream)
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                json.WriteTo(writer);
            }

            stream.Write("\n"u8);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode is already 0600 (a umask can only narrow it); this pins it whatever the platform did.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new Wallet(path, key);
    }

    /// <summary>Reads and checks a key file; a <see cref="CliFailure"/> says what is wrong with it.</summary>
    public static Wallet Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliFailure($"no wallet at {path}; create one with `smartchain wallet new`");
        }

        JsonElement json;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            json = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new CliFailure($"{path} is not a wallet file: {e.Message}");
        }

        if (
            json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("version", out var version)
            || version.ValueKind != JsonValueKind.Number
            || version.GetRawText() != "1"
        )
        {
            throw new CliFailure($"{path} is not a version {Version} wallet file");
        }

        var pkcs8 =
            Base64Url.TryDecode(Text(json, "private_key"))
            ?? throw new CliFailure($"{path}: private_key must be base64url PKCS#8");
        SigningKey key;
        try
        {
            key = SigningKey.FromPkcs8(pkcs8);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CliFailure($"{path}: private_key is not a P-256 PKCS#8 key: {e.Message}");
        }

        var wallet = new Wallet(path, key);
        if (Text(json, "public_key") != key.PublicKey.Base64Url || Text(json, "address") != wallet.Address)
        {
            wallet.Dispose();
            throw new CliFailure($"{path}: public_key or address does not belong to private_key");
        }

        return wallet;
    }

    public void Dispose() => Key.Dispose();

    private static CliFailure Refusal(string path) =>
        new($"{path} already exists; refusing to overwrite a wallet (move it away first)");

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
