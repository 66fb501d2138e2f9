namespace SmartChain.Domain.Ledger;

/// <summary>
/// Why a ledger request is refused: a malformed request (400), or a well-formed one against a ledger rule (422).
/// </summary>
public enum RejectionKind
{
    Malformed,
    RuleViolated,
}

/// <summary>An expected refusal, as a value: its kind and a precise reason for the client.</summary>
public sealed record Rejection(RejectionKind Kind, string Detail)
{
    public static Rejection Malformed(string detail) => new(RejectionKind.Malformed, detail);

    public static Rejection Rule(string detail) => new(RejectionKind.RuleViolated, detail);
}
