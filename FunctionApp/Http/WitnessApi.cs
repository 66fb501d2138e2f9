using System.Text.Json.Nodes;
using SmartChain.FunctionApp.Logs;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// <c>GET /witness</c> (name and cosignature/v1 verifier key) and <c>POST /witness/add-checkpoint</c> (C2SP
/// tlog-witness).
/// </summary>
public sealed class WitnessApi(WitnessService witness)
{
    private const int MaxBody = 64 * 1024;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/witness", (WitnessApi api, CancellationToken ct) => api.IdentityAsync(ct));
        routes.MapPost(
            "/witness/add-checkpoint",
            (WitnessApi api, HttpRequest request, CancellationToken ct) => api.AddCheckpointAsync(request, ct)
        );
    }

    public async Task<IResult> IdentityAsync(CancellationToken cancellationToken) =>
        TypedResults.Ok(
            new JsonObject
            {
                ["name"] = witness.Name,
                ["verifier_key"] = (await witness.VerifierKeyAsync(cancellationToken)).Text,
            }
        );

    /// <summary>Any or no Content-Type; the body is read up to 64 KiB (past it, 400).</summary>
    public async Task<IResult> AddCheckpointAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBody)
            {
                return TypedResults.Text("request body too large\n", "text/plain; charset=utf-8", statusCode: 400);
            }
        }

        string body;
        try
        {
            body = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.ToArray());
        }
        catch (System.Text.DecoderFallbackException)
        {
            return TypedResults.Text("the body is not UTF-8\n", "text/plain; charset=utf-8", statusCode: 400);
        }

        var answer = await witness.AddCheckpointAsync(body, cancellationToken);
        if (answer.RetryAfterSeconds is { } seconds)
        {
            request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
        }

        return TypedResults.Text(answer.Body, answer.ContentType, statusCode: answer.Status);
    }
}
