namespace SmartChain.Domain.Chains;

/// <summary>A chain's id (its "aka"): 1–32 characters of [a-z0-9-]. Safe inside table keys and URLs.</summary>
public readonly record struct ChainId
{
    public string Value { get; }

    private ChainId(string value) => Value = value;

    public static ChainId? TryParse(string? text) =>
        text is { Length: >= 1 and <= 32 } && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
            ? new ChainId(text)
            : null;

    public static ChainId Parse(string text) =>
        TryParse(text) ?? throw new ArgumentException($"'{text}' is not a chain id", nameof(text));

    public override string ToString() => Value;
}
