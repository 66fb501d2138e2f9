using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace SmartChain.Domain.Log;

/// <summary>
/// C2SP tlog-cosignature, Ed25519 <c>cosignature/v1</c>: the signed message is <c>cosignature/v1\ntime &lt;unix
/// seconds&gt;\n</c> followed by the checkpoint's note text, and the signature is the 8-byte big-endian timestamp
/// followed by the Ed25519 signature.
/// </summary>
public static class CosignatureV1
{
    public static byte[] Message(ulong timestamp, string checkpointText) =>
        Encoding.UTF8.GetBytes(
            $"cosignature/v1\ntime {timestamp.ToString(CultureInfo.InvariantCulture)}\n{checkpointText}"
        );

    public static ulong TimestampOf(NoteSignature signature) =>
        signature.Signature.Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(signature.Signature) : 0;

    /// <summary>
    /// A witness's cosignature line over <paramref name="checkpointText"/> at <paramref name="timestamp"/>.
    /// </summary>
    public static NoteSignature Sign(string name, Ed25519Key key, ulong timestamp, string checkpointText)
    {
        var signature = new byte[8 + Ed25519Key.SignatureSize];
        BinaryPrimitives.WriteUInt64BigEndian(signature, timestamp);
        key.Sign(Message(timestamp, checkpointText)).CopyTo(signature, 8);
        return new NoteSignature(
            name,
            NoteVerifierKey.KeyIdOf(name, NoteSignatureType.CosignatureV1, key.PublicKey),
            signature
        );
    }
}
