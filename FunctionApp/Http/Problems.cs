namespace SmartChain.FunctionApp.Http;

/// <summary>
/// RFC 9457 problem+json answers with a precise title and detail, one helper per status the API uses.
/// </summary>
public static class Problems
{
    public static IResult BadRequest(string detail) => Problem(400, "Invalid request", detail);

    public static IResult Unauthorized(string detail) => Problem(401, "Admin key required", detail);

    public static IResult NotFound(string detail) => Problem(404, "Not found", detail);

    /// <summary>404 for a route naming a chain this node does not hold (or text that is no chain id).</summary>
    public static IResult UnknownChain(string chain) => NotFound($"no chain '{chain}' on this node");

    public static IResult Conflict(string detail) => Problem(409, "Conflict", detail);

    /// <summary>
    /// 409 for a ledger nonce conflict, naming the nonce the sender must use in <c>expected_nonce</c>.
    /// </summary>
    public static IResult NonceConflict(string detail, long expectedNonce) =>
        TypedResults.Problem(
            statusCode: 409,
            title: "Nonce conflict",
            detail: detail,
            extensions: new Dictionary<string, object?> { ["expected_nonce"] = expectedNonce }
        );

    public static IResult TooLarge(string detail) => Problem(413, "Request body too large", detail);

    public static IResult UnsupportedMediaType(string detail) => Problem(415, "Unsupported media type", detail);

    public static IResult Unprocessable(string detail) => Problem(422, "Rejected by a ledger rule", detail);

    /// <summary>429 for a client over its rate limit, with <c>Retry-After</c> in whole seconds.</summary>
    public static IResult TooManyRequests(string detail, int retryAfterSeconds) =>
        new RetryAfterResult(Problem(429, "Too many requests", detail), retryAfterSeconds);

    public static IResult BadGateway(string detail) => Problem(502, "The BPSC could not be reached", detail);

    /// <summary>
    /// 503 while storage is unreachable (<see cref="Storage.StorageOutage"/>): nothing was acknowledged; try again
    /// later.
    /// </summary>
    public static IResult StorageUnavailable() =>
        new RetryAfterResult(
            Problem(
                503,
                "Storage unavailable",
                "the node cannot reach its storage right now; try again later (a write answered so was not "
                    + "acknowledged)"
            ),
            Storage.StorageOutage.RetryAfterSeconds
        );

    public static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);
}
