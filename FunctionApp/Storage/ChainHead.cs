using Azure;
using SmartChain.Domain.Blocks;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The head row of a chain: its height and last hash, with the ETag under which alone it may move.
/// Height 0 (no row yet) is a chain before its genesis block, as a fresh replica is. <see cref="LogSize"/> and
/// <see cref="LogRoot"/> are the chain's transparency log after the head block (null on a chain stored before logs).
/// </summary>
public sealed record ChainHead(long Height, BlockHash? Hash, ETag? ETag, long? LogSize = null, byte[]? LogRoot = null)
{
    public static readonly ChainHead Empty = new(
        0,
        null,
        null,
        0,
        System.Security.Cryptography.SHA256.HashData(Array.Empty<byte>())
    );

    public string PreviousHashForNext => Hash?.Value ?? BlockHeader.GenesisPreviousHash;
}
