using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartChain.Domain.Log;

/// <summary>
/// A C2SP signed-note verifier key ("vkey"): <c>&lt;name&gt;+&lt;key id hex&gt;+base64(type ‖ public key)</c>, where
/// the key id is the first four bytes of SHA-256(name ‖ 0x0A ‖ type ‖ public key). Type 0x01 verifies Ed25519 note
/// signatures (a log), type 0x04 timestamped <c>cosignature/v1</c> (a witness).
/// </summary>
public sealed record NoteVerifierKey
{
    private NoteVerifierKey(string name, byte type, byte[] publicKey)
    {
        Name = name;
        Type = type;
        PublicKey = publicKey;
        KeyId = KeyIdOf(name, type, publicKey);
    }

    public string Name { get; }
    public byte Type { get; }
    public byte[] PublicKey { get; }
    public uint KeyId { get; }

    /// <summary>The vkey text.</summary>
    public string Text
    {
        get
        {
            var material = new byte[1 + PublicKey.Length];
            material[0] = Type;
            PublicKey.CopyTo(material, 1);
            return $"{Name}+{KeyId:x8}+{Convert.ToBase64String(material)}";
        }
    }

    public override string ToString() => Text;

    public static uint KeyIdOf(string name, byte type, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = 0x0A;
        input[nameBytes.Length + 1] = type;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    /// <exception cref="ArgumentException">The name is not a valid key name or the key is not 32 bytes.</exception>
    public static NoteVerifierKey Create(string name, byte type, byte[] publicKey)
    {
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a signed-note key name", nameof(name));
        }

        if (
            type is not (NoteSignatureType.Ed25519 or NoteSignatureType.CosignatureV1)
            || publicKey.Length != Ed25519Key.PublicKeySize
        )
        {
            throw new ArgumentException(
                "only 32-byte Ed25519 keys of type 0x01 or 0x04 are supported",
                nameof(publicKey)
            );
        }

        return new NoteVerifierKey(name, type, publicKey);
    }

    /// <summary>Null unless the text is a vkey of a supported type whose key id matches its name and key.</summary>
    public static NoteVerifierKey? TryParse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        // The base64 part may itself hold '+': split on the first two only.
        var parts = text.Split('+', 3);
        if (
            parts.Length != 3
            || !IsValidName(parts[0])
            || parts[1].Length != 8
            || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId)
            || parts[1] != parts[1].ToLowerInvariant()
        )
        {
            return null;
        }

        var material = Base64.TryDecode(parts[2]);
        if (
            material is not { Length: 1 + Ed25519Key.PublicKeySize }
            || material[0] is not (NoteSignatureType.Ed25519 or NoteSignatureType.CosignatureV1)
        )
        {
            return null;
        }

        var key = new NoteVerifierKey(parts[0], material[0], material[1..]);
        return key.KeyId == keyId ? key : null;
    }

    /// <summary>Non-empty, no Unicode spaces, no '+', no control characters.</summary>
    public static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(c => c == '+' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Whether <paramref name="signature"/> is this key's and verifies over the note text.</summary>
    public bool Verify(string noteText, NoteSignature signature)
    {
        if (signature.Name != Name || signature.KeyId != KeyId)
        {
            return false;
        }

        var text = Encoding.UTF8.GetBytes(noteText);
        return Type switch
        {
            NoteSignatureType.Ed25519 => Ed25519Key.Verify(PublicKey, text, signature.Signature),
            NoteSignatureType.CosignatureV1 => signature.Signature.Length == 8 + Ed25519Key.SignatureSize
                && Ed25519Key.Verify(
                    PublicKey,
                    CosignatureV1.Message(CosignatureV1.TimestampOf(signature), noteText),
                    signature.Signature.AsSpan(8)
                ),
            _ => false,
        };
    }

    /// <summary>Whether the signature line claims to be this key's (same name and key id).</summary>
    public bool Claims(NoteSignature signature) => signature.Name == Name && signature.KeyId == KeyId;
}
