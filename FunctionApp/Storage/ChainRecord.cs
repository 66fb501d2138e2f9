using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// A chain as this deployment holds it: its settings, who produces it (this node, or a remote BPSC at
/// <see cref="RemoteUrl"/>), and the BPSC public key — generated here for local chains, pinned on first
/// contact for replicas.
/// </summary>
public sealed record ChainRecord
{
    public required ChainSettings Settings { get; init; }

    /// <summary>Null when this deployment is the chain's BPSC.</summary>
    public Uri? RemoteUrl { get; init; }

    /// <summary>Base64url SPKI of the BPSC key.</summary>
    public required string BpscPublicKey
    {
        get;
        init
        {
            field = value;
            using var key = PublicKey.TryParse(value);
            BpscAddress = key is null ? null : Address.Of(key).Value;
        }
    }

    /// <summary>
    /// The BPSC wallet's address, derived once with the record: every accepted transfer names it, and deriving
    /// it per request (an EC key import and a SHA-256) cost about 130 µs of CPU each. Null for an invalid key.
    /// </summary>
    public string? BpscAddress { get; private init; }

    /// <summary>
    /// The chain's log verifier key (C2SP vkey, type 0x01, name = log origin): generated with a local chain, pinned on
    /// first contact for a replica. Null for chains created before logs existed: they have no checkpoint.
    /// </summary>
    public string? LogVerifierKey
    {
        get;
        init
        {
            field = value;
            Log = SmartChain.Domain.Log.NoteVerifierKey.TryParse(value);
        }
    }

    /// <summary>The parsed <see cref="LogVerifierKey"/>; its name is the log origin.</summary>
    public SmartChain.Domain.Log.NoteVerifierKey? Log { get; private init; }

    public bool IsLocal => RemoteUrl is null;

    public ChainId Id => Settings.Id;
}
