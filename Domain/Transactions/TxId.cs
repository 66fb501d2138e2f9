namespace SmartChain.Domain.Transactions;

/// <summary>
/// An entry's id: node-assigned for open transfers and records (28 lowercase hex: the shard's digit and the
/// acceptance sequence), the SHA-256 of the payload for a signed ledger request (64 lowercase hex), or
/// <c>genesis-N</c> for a genesis allocation. 1–128 characters of [a-z0-9-]: safe inside table keys and URLs.
/// </summary>
public readonly record struct TxId : IComparable<TxId>
{
    public const int MaxLength = 128;

    public string Value { get; }

    private TxId(string value) => Value = value;

    public static TxId? TryParse(string? text) =>
        text is { Length: >= 1 and <= MaxLength }
        && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? new TxId(text)
            : null;

    public static TxId Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not a transaction id", nameof(text));

    /// <summary>Ordinal, as table keys sort: node-assigned ids of one shard sort by acceptance.</summary>
    public int CompareTo(TxId other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value;
}
