using System.Text;

namespace SmartChain.Domain.Log;

/// <summary>A named Ed25519 note signer (type 0x01): a chain's log key, whose name is the log's origin.</summary>
public sealed class NoteSigner(string name, Ed25519Key key)
{
    public string Name { get; } = name;

    public NoteVerifierKey VerifierKey { get; } =
        NoteVerifierKey.Create(name, NoteSignatureType.Ed25519, key.PublicKey);

    public NoteSignature Sign(string noteText) =>
        new(Name, VerifierKey.KeyId, key.Sign(Encoding.UTF8.GetBytes(noteText)));
}
