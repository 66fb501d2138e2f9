using System.Security.Cryptography;

namespace SmartChain.Domain.Crypto;

/// <summary>An ECDSA P-256 private key (a chain's BPSC key, or a wallet's), signing in IEEE P1363 form.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        PublicKey = PublicKey.FromSpki(key.ExportSubjectPublicKeyInfo());
    }

    public PublicKey PublicKey { get; }

    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static SigningKey FromPkcs8(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return new SigningKey(key);
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    public byte[] Sign(ReadOnlySpan<byte> data) =>
        _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose()
    {
        _key.Dispose();
        PublicKey.Dispose();
    }
}
