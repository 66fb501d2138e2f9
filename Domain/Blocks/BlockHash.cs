using SmartChain.Domain.Crypto;

namespace SmartChain.Domain.Blocks;

/// <summary>
/// A block's hash: SHA-256 of its header's canonical bytes, as 64 lowercase hex characters (the wire text, and the
/// name of the <c>blocktx</c> partition holding its transactions).
/// </summary>
public readonly record struct BlockHash
{
    public string Value { get; }

    private BlockHash(string value) => Value = value;

    public static BlockHash? TryParse(string? text) => Hex.IsLowerHex(text, 64) ? new BlockHash(text!) : null;

    public static BlockHash Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not a block hash", nameof(text));

    public override string ToString() => Value;
}
