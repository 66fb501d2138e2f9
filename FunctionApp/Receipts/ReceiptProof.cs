using SmartChain.Domain.Blocks;
using SmartChain.Domain.Merkle;

namespace SmartChain.FunctionApp.Receipts;

/// <summary>
/// An entry's inclusion proof with the Merkle root it leads to and the hash of the block that signs that root.
/// </summary>
public sealed record ReceiptProof(InclusionProof Proof, string MerkleRoot, BlockHash BlockHash);
