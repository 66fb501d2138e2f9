namespace SmartChain.Domain.Chains;

/// <summary>What a chain carries: token transfers, or data records (the article's chain2).</summary>
public enum ChainKind
{
    Token,
    Data,
}

/// <summary>
/// How a token chain treats money: the article's unchecked flow, or a real ledger (balances, signatures).
/// </summary>
public enum TokenMode
{
    Open,
    Ledger,
}

/// <summary>Where the BPSC's fees go.</summary>
public enum FeePolicy
{
    Accumulate,
    Burn,
}
