using SmartChain.Domain.Money;

namespace SmartChain.Domain.Chains;

/// <summary>
/// The rules of one chain, fixed at creation: what it carries, how money behaves and when blocks are forged.
/// Token-only fields are ignored for data chains.
/// </summary>
public sealed record ChainSettings
{
    public const int DefaultMaxBlockTx = 10_000;

    public required ChainId Id { get; init; }

    public required ChainKind Kind { get; init; }

    public TokenMode Mode { get; init; } = TokenMode.Open;

    public int Decimals { get; init; } = 8;

    public FeeRate FeeRate { get; init; } = FeeRate.Default;

    public FeePolicy FeePolicy { get; init; } = FeePolicy.Accumulate;

    public ProductionPolicy Policy { get; init; } = ProductionPolicy.Default;

    public int MaxBlockTx { get; init; } = DefaultMaxBlockTx;

    /// <summary>
    /// The most entries block <paramref name="index"/> may hold: max_block_tx, except a genesis, which holds its
    /// allocations (a ledger genesis of 10,000 allocations may have a smaller max_block_tx).
    /// </summary>
    public int MaxEntriesIn(long index) => index == 1 ? Math.Max(MaxBlockTx, Genesis.Count) : MaxBlockTx;

    /// <summary>Ledger mode: the key whose signature alone can mint (base64url SPKI).</summary>
    public string? IssuerPublicKey { get; init; }

    /// <summary>Ledger mode: a transfer above this is refunded by the BPSC instead of delivered.</summary>
    public Amount? MaxTransfer { get; init; }

    /// <summary>Ledger mode: recipients the BPSC will not deliver to; transfers to them are refunded.</summary>
    public IReadOnlyList<string> BlockedRecipients { get; init; } = [];

    /// <summary>Ledger mode: the allocation minted in the genesis block.</summary>
    public IReadOnlyList<GenesisAllocation> Genesis { get; init; } = [];

    public bool IsLedger => Kind == ChainKind.Token && Mode == TokenMode.Ledger;

    /// <summary>The article's default token chain: open mode, 8 decimals, fee 0.00005, fees accumulate.</summary>
    public static ChainSettings DefaultToken(ProductionPolicy policy) =>
        new()
        {
            Id = ChainId.Parse("aka"),
            Kind = ChainKind.Token,
            Policy = policy,
        };

    /// <summary>A node's own data chain (the article's chain2).</summary>
    public static ChainSettings DefaultData(ProductionPolicy policy) =>
        new()
        {
            Id = ChainId.Parse("data"),
            Kind = ChainKind.Data,
            Policy = policy,
        };
}

/// <summary>Tokens given to an address in a ledger chain's genesis block.</summary>
public sealed record GenesisAllocation(string Address, Amount Amount);
