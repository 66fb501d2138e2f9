using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SmartChain.FunctionApp.Http;

namespace SmartChain.FunctionApp.Functions;

/// <summary>
/// <c>POST /chains/{chain}/transactions</c>: accepts a transaction durably (202), or forwards it to the BPSC on a
/// replica.
/// </summary>
public sealed class SubmitTransaction(TransactionsApi api)
{
    [Function(nameof(SubmitTransaction))]
    public Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "chains/{chain}/transactions")] HttpRequest request,
        string chain,
        CancellationToken cancellationToken
    ) => api.SubmitAsync(chain, request, cancellationToken);
}
