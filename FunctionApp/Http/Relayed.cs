using System.Text;
using SmartChain.FunctionApp.Sync;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Hands a BPSC's answer to the client as it came (status, type, body): a replica forwards, it does not reinterpret.
/// </summary>
public static class Relayed
{
    public static IResult From(RelayedAnswer answer) =>
        Results.Content(answer.Body, answer.ContentType, Encoding.UTF8, answer.Status);
}
