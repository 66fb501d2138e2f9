namespace SmartChain.Domain.Log;

/// <summary>The C2SP signed-note signature types SmartChain speaks (signature type identifier bytes).</summary>
public static class NoteSignatureType
{
    /// <summary>Ed25519 over the note text: a log's checkpoint signature.</summary>
    public const byte Ed25519 = 0x01;

    /// <summary>Timestamped Ed25519 <c>cosignature/v1</c> (C2SP tlog-cosignature): a witness's signature.</summary>
    public const byte CosignatureV1 = 0x04;
}
