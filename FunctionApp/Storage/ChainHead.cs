using Azure;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The head row of a chain: its height and last hash, with the ETag under which alone it may move.
/// Height 0 (no row yet) is a chain before its genesis block, as a fresh replica is.
/// </summary>
public sealed record ChainHead(long Height, string? Hash, ETag? ETag)
{
    public static readonly ChainHead Empty = new(0, null, null);

    public string PreviousHashForNext => Hash ?? SmartChain.Domain.Blocks.BlockHeader.GenesisPreviousHash;
}
