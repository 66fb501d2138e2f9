using NSec.Cryptography;

namespace SmartChain.Domain.Log;

/// <summary>
/// An Ed25519 (RFC 8032) private key: the log key of a chain or a node's witness key. Kept as its 32-byte seed,
/// the form signed-note tools use. Backed by NSec (libsodium), since .NET has no Ed25519 of its own.
/// </summary>
public sealed class Ed25519Key : IDisposable
{
    public const int SeedSize = 32;
    public const int PublicKeySize = 32;
    public const int SignatureSize = 64;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private Ed25519Key(Key key)
    {
        _key = key;
        PublicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The 32-byte RFC 8032 public key.</summary>
    public byte[] PublicKey { get; }

    public static Ed25519Key Generate() => new(Key.Create(Algorithm, Exportable()));

    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static Ed25519Key FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"an Ed25519 seed is {SeedSize} bytes", nameof(seed));
        }

        return new(Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey, Exportable()));
    }

    public byte[] ExportSeed() => _key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>RFC 8032 signature: deterministic, so one key signs one message one way.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message) => Algorithm.Sign(_key, message);

    /// <summary>False, never an exception, for a malformed key or signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        publicKey.Length == PublicKeySize
        && signature.Length == SignatureSize
        && NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && key is not null
        && Algorithm.Verify(key, message, signature);

    private static KeyCreationParameters Exportable() =>
        new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    public void Dispose() => _key.Dispose();
}
