using SmartChain.Domain.Merkle;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// An entry's inclusion proof in its block, the header it leads to, and the chain's log size before that block
/// (null for blocks stored before the log), from which the entry's log index follows.
/// </summary>
public sealed record StoredProof(StoredHeader Header, InclusionProof Proof, long? LogStart);
