using System.Text.Json;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// The acceptance use case every submission route shares (<c>POST /chains/{chain}/transactions</c> and the article's
/// <c>/transactions/new</c> and <c>/information/new</c>): on a replica the body goes to the chain's BPSC, whose answer
/// is the answer; on a local chain it is shaped for the chain's kind (<see cref="DataRecord"/>,
/// <see cref="OpenTransfer"/>, <see cref="SignedTransfer"/>) and accepted durably by <see cref="TransactionIntake"/>.
/// Every refusal is counted by reason (<see cref="AcceptanceMetrics"/>).
/// </summary>
public sealed class TransactionAcceptance(TransactionIntake intake, NodeClient client)
{
    /// <summary>
    /// Accepts <paramref name="body"/> on <paramref name="chain"/>, or forwards it to <paramref name="forwardPath"/> on
    /// the chain's BPSC when this node holds a replica.
    /// </summary>
    public async Task<SubmissionOutcome> SubmitAsync(
        ChainRecord chain,
        string forwardPath,
        JsonElement body,
        CancellationToken cancellationToken
    )
    {
        if (!chain.IsLocal)
        {
            return await ForwardAsync(chain, forwardPath, body, cancellationToken);
        }

        using var timer = AcceptanceMetrics.Start(chain);
        return await AcceptAsync(chain, body, cancellationToken);
    }

    /// <summary>A body that could not be read at all (not I-JSON, too large): counted as a malformed refusal.</summary>
    public static void RecordUnreadable(ChainRecord chain) =>
        AcceptanceMetrics.RecordRefused(chain, AcceptanceMetrics.Reasons.Malformed);

    private async Task<SubmissionOutcome> AcceptAsync(
        ChainRecord chain,
        JsonElement body,
        CancellationToken cancellationToken
    )
    {
        string? error;
        switch (chain.Settings)
        {
            case { Kind: ChainKind.Data }:
                var information = DataRecord.TryRead(body, out error);
                return information is null
                    ? Malformed(chain, error!)
                    : Accepted(await intake.AcceptRecordAsync(chain, information, cancellationToken));
            case { Kind: ChainKind.Token, Mode: TokenMode.Open }:
                var transfer = OpenTransfer.TryRead(body, chain.Settings.Decimals, out error);
                return transfer is null
                    ? Malformed(chain, error!)
                    : Accepted(await intake.AcceptTransferAsync(chain, transfer, cancellationToken));
            default:
                var signed = SignedTransfer.TryRead(body, chain.Settings, out var rejection);
                if (signed is null)
                {
                    if (rejection!.Kind == RejectionKind.Malformed)
                    {
                        return Malformed(chain, rejection.Detail);
                    }

                    AcceptanceMetrics.RecordRefused(chain, AcceptanceMetrics.Reasons.Rule);
                    return new SubmissionOutcome.Rejected(rejection.Detail);
                }

                var (acceptance, refusal) = await intake.AcceptSignedAsync(chain, signed, cancellationToken);
                AcceptanceMetrics.RecordRefused(chain, refusal);
                return refusal is null ? Accepted(acceptance!) : new SubmissionOutcome.Refused(refusal);
        }
    }

    private static SubmissionOutcome.Accepted Accepted(Acceptance acceptance) => new(acceptance);

    private static SubmissionOutcome.Malformed Malformed(ChainRecord chain, string detail)
    {
        AcceptanceMetrics.RecordRefused(chain, AcceptanceMetrics.Reasons.Malformed);
        return new SubmissionOutcome.Malformed(detail);
    }

    private async Task<SubmissionOutcome> ForwardAsync(
        ChainRecord chain,
        string path,
        JsonElement body,
        CancellationToken cancellationToken
    )
    {
        try
        {
            var answer = await client.RelayAsync(HttpMethod.Post, chain.RemoteUrl!, path, body, cancellationToken);
            return new SubmissionOutcome.Forwarded(answer);
        }
        catch (HttpRequestException e)
        {
            return new SubmissionOutcome.Unreachable(chain.RemoteUrl!, e.Message);
        }
    }
}
