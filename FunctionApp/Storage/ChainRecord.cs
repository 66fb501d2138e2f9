using SmartChain.Domain.Chains;

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
    public required string BpscPublicKey { get; init; }

    public bool IsLocal => RemoteUrl is null;

    public ChainId Id => Settings.Id;
}
