namespace SmartChain.Domain.Log;

/// <summary>The outcome of checking a signed note against the keys a verifier trusts.</summary>
public enum NoteCheck
{
    /// <summary>At least one trusted key signed it, and every signature claiming a trusted key verifies.</summary>
    Verified,

    /// <summary>No signature of a trusted key is on it.</summary>
    NotSigned,

    /// <summary>A signature claiming a trusted key does not verify: the whole note is rejected.</summary>
    BadSignature,
}
