namespace SmartChain.Domain.Ledger;

/// <summary>Which ledger rule a well-formed transfer breaks.</summary>
public enum RefusalReason
{
    /// <summary>The nonce is not the sender's next one (a gap, or a reuse of another transfer's nonce).</summary>
    NonceNotNext,

    /// <summary>The sender cannot spend the amount.</summary>
    InsufficientFunds,
}

/// <summary>
/// A transfer refused against the ledger's state: the rule it breaks, why in words, and the nonce expected.
/// </summary>
public sealed record LedgerRefusal(RefusalReason Reason, string Detail, long ExpectedNonce);
