using SmartChain.Domain.Ledger;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The HTTP side of a submission, shared by the routes that take one (<see cref="TransactionsApi"/> and the article's
/// routes in <see cref="ArticleApi"/>): 404 for an unknown chain, the body read once (<see cref="JsonBody"/>), then
/// <see cref="TransactionAcceptance"/>'s outcome mapped to its answer — the route's own for an acceptance, the BPSC's
/// as it came for a forward, problem+json for every refusal. Not a handler: it maps no route.
/// </summary>
public static class SubmissionAnswers
{
    public static Task<IResult> ReceiveAsync(
        ChainRegistry registry,
        TransactionAcceptance acceptance,
        int maxBodyBytes,
        string chain,
        string forwardPath,
        HttpRequest request,
        Func<Acceptance, IResult> answer,
        CancellationToken cancellationToken
    ) =>
        StorageGuard.AnswerAsync(
            async () =>
            {
                var record = await registry.FindByRouteAsync(chain, cancellationToken);
                if (record is null)
                {
                    return Problems.UnknownChain(chain);
                }

                var (json, problem) = await JsonBody.ReadAsync(request, maxBodyBytes, cancellationToken);
                if (json is null)
                {
                    TransactionAcceptance.RecordUnreadable(record);
                    return problem!;
                }

                using (json)
                {
                    var body = json.RootElement;
                    var outcome = await acceptance.SubmitAsync(record, forwardPath, body, cancellationToken);
                    return ToResult(outcome, answer);
                }
            },
            cancellationToken
        );

    private static IResult ToResult(SubmissionOutcome outcome, Func<Acceptance, IResult> answer) =>
        outcome switch
        {
            SubmissionOutcome.Accepted accepted => answer(accepted.Acceptance),
            SubmissionOutcome.Forwarded forwarded => Relayed.From(forwarded.Answer),
            SubmissionOutcome.Unreachable unreachable => Problems.BadGateway(
                $"could not forward to the BPSC at {unreachable.Bpsc}: {unreachable.Error}"
            ),
            SubmissionOutcome.Malformed malformed => Problems.BadRequest(malformed.Detail),
            SubmissionOutcome.Rejected rejected => Problems.Unprocessable(rejected.Detail),
            SubmissionOutcome.Refused { Refusal: { Reason: RefusalReason.NonceNotNext } refusal } =>
                Problems.NonceConflict(refusal.Detail, refusal.ExpectedNonce),
            SubmissionOutcome.Refused refused => Problems.Unprocessable(refused.Refusal.Detail),
            _ => throw new InvalidOperationException($"unmapped submission outcome {outcome.GetType().Name}"),
        };
}
