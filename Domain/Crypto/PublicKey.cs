using System.Security.Cryptography;

namespace SmartChain.Domain.Crypto;

/// <summary>
/// An ECDSA P-256 public key as it travels: base64url of its SubjectPublicKeyInfo DER. Verifies P1363 (r‖s)
/// ECDSA-SHA256 signatures, and names the address that owns it.
/// </summary>
public sealed class PublicKey : IDisposable
{
    private readonly ECDsa _key;

    private PublicKey(ECDsa key, byte[] spki)
    {
        _key = key;
        Spki = spki;
    }

    public byte[] Spki { get; }

    public string Base64Url => Crypto.Base64Url.Encode(Spki);

    /// <summary>Imports a base64url SPKI; null when it is not a P-256 public key.</summary>
    public static PublicKey? TryParse(string? base64Url)
    {
        var der = Crypto.Base64Url.TryDecode(base64Url);
        if (der is null || der.Length > 512)
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der, out var read);
            if (
                read != der.Length
                || key.KeySize != 256
                || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value
            )
            {
                key.Dispose();
                return null;
            }

            return new PublicKey(key, der);
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    public static PublicKey FromSpki(byte[] spki) =>
        TryParse(Crypto.Base64Url.Encode(spki))
        ?? throw new ArgumentException("not a P-256 SubjectPublicKeyInfo", nameof(spki));

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureP1363) =>
        signatureP1363.Length == 64
        && _key.VerifyData(
            data,
            signatureP1363,
            HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation
        );

    public void Dispose() => _key.Dispose();
}
