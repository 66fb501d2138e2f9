namespace SmartChain.Domain.Transactions;

/// <summary>The <c>type</c> every block entry carries.</summary>
public static class TransactionType
{
    public const string Transfer = "transfer";
    public const string Mint = "mint";
    public const string Refund = "refund";
    public const string Record = "record";
}
