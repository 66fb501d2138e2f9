using SmartChain.Domain.Ledger;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// What became of one submission (<see cref="TransactionAcceptance.SubmitAsync"/>), as a value: the handler that
/// received it maps each case to its HTTP answer; nothing below the handlers knows a status code.
/// </summary>
public abstract record SubmissionOutcome
{
    private SubmissionOutcome() { }

    /// <summary>Durably accepted by this node, the chain's BPSC.</summary>
    public sealed record Accepted(Acceptance Acceptance) : SubmissionOutcome;

    /// <summary>This node holds a replica: the BPSC's own answer, to be passed on as it came.</summary>
    public sealed record Forwarded(RelayedAnswer Answer) : SubmissionOutcome;

    /// <summary>This node holds a replica and could not reach the BPSC at <paramref name="Bpsc"/>.</summary>
    public sealed record Unreachable(Uri Bpsc, string Error) : SubmissionOutcome;

    /// <summary>The body is not a request of the chain's kind.</summary>
    public sealed record Malformed(string Detail) : SubmissionOutcome;

    /// <summary>A well-formed request breaking a rule that needs only itself (its signature, its sender).</summary>
    public sealed record Rejected(string Detail) : SubmissionOutcome;

    /// <summary>A well-formed request the ledger refuses (its nonce, its funds), with the reason as a value.</summary>
    public sealed record Refused(LedgerRefusal Refusal) : SubmissionOutcome;
}
