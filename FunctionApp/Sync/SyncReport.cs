using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// The result of pulling one chain: how far it now reaches, how many blocks came in, and why it stopped if it failed.
/// </summary>
public sealed record SyncReport(ChainId Chain, long Height, int Pulled, string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>False when the round stopped at its time or block budget: the source may hold more.</summary>
    public bool Complete { get; init; } = true;
}
