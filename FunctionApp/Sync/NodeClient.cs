using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// Talks to another SmartChain node over its public API: what chains it has, pages of blocks, and
/// forwarding a submission to the BPSC. Nothing it returns is trusted: blocks are verified by the caller.
/// Every exchange is bounded whatever the other node does: one deadline (SMARTCHAIN_PEER_TIMEOUT_SECONDS) covers
/// the headers and the whole body, the body is cut off past SMARTCHAIN_PEER_MAX_ANSWER_BYTES as it streams, and
/// redirects are answers, not followed (the handler is registered with AllowAutoRedirect off). A node that breaks
/// a bound is an <see cref="HttpRequestException"/> saying which.
/// </summary>
public sealed class NodeClient(HttpClient http, NodeSettings settings)
{
    /// <summary>The ids of the node's token chains; an id that is not one makes the answer unreadable.</summary>
    public Task<IReadOnlyList<ChainId>> ListTokenChainsAsync(Uri node, CancellationToken cancellationToken) =>
        GetAsync<IReadOnlyList<ChainId>>(
            new Uri(node, "chains"),
            async (body, ct) =>
            {
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                return json
                    .RootElement.GetProperty("chains")
                    .EnumerateArray()
                    .Where(c => c.GetProperty("kind").GetString() == "token")
                    .Select(c =>
                        c.GetProperty("id").GetString() is var id && ChainId.TryParse(id) is { } chain
                            ? chain
                            : throw new InvalidDataException($"'{id}' is not a chain id")
                    )
                    .ToList();
            },
            cancellationToken
        );

    /// <summary>A chain's settings, BPSC public key and log verifier key (if any) as its BPSC announces them.</summary>
    public Task<(ChainSettings Settings, string PublicKey, string? LogVerifierKey)> GetChainAsync(
        Uri node,
        ChainId chain,
        CancellationToken cancellationToken
    ) =>
        GetAsync(
            new Uri(node, $"chains/{chain}"),
            async (body, ct) =>
            {
                using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
                var info = json.RootElement;
                var settings =
                    ChainInfoFields.TryReadSettings(info, out var error)
                    ?? throw new InvalidDataException($"chain '{chain}' settings are invalid: {error}");
                var publicKey =
                    info.TryGetProperty("bpsc_public_key", out var key) && key.ValueKind == JsonValueKind.String
                        ? key.GetString()!
                        : throw new InvalidDataException($"chain '{chain}' has no bpsc_public_key");
                var logKey =
                    info.TryGetProperty("log_verifier_key", out var log) && log.ValueKind == JsonValueKind.String
                        ? log.GetString()
                        : null;
                return (settings, publicKey, logKey);
            },
            cancellationToken
        );

    /// <summary>
    /// Blocks from <paramref name="from"/> on, at most <paramref name="limit"/>; empty past the head. A block with more
    /// than <paramref name="entryCap"/> entries is refused while it is read.
    /// </summary>
    public Task<IReadOnlyList<Block>> GetBlocksAsync(
        Uri node,
        ChainId chain,
        long from,
        int limit,
        int entryCap,
        CancellationToken cancellationToken
    ) =>
        // Deserialized as it streams in, a block at a time: parsing the page as one JsonDocument rented buffers
        // of 1, 2, 4 and 8 MB per page from the shared array pool, which kept them (~120 MB on a replica).
        GetAsync(
            new Uri(node, $"chains/{chain}/blocks?from={from}&limit={limit}"),
            (body, ct) => BlockPageReader.ReadAsync(body, from, entryCap, ct),
            cancellationToken
        );

    /// <summary>
    /// Sends a request to <paramref name="path"/> on the node and hands back its status and answer as they are.
    /// </summary>
    public Task<RelayedAnswer> RelayAsync(
        HttpMethod method,
        Uri node,
        string path,
        JsonElement? body,
        CancellationToken cancellationToken
    )
    {
        var uri = new Uri(node, path.TrimStart('/'));
        var content = body is { } json ? JsonContent.Create(json) : null;
        HttpRequestMessage Request() => new(method, uri) { Content = content };
        return ExchangeAsync(
            uri,
            Request,
            async (response, answer, ct) =>
            {
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400)
                {
                    throw new HttpRequestException($"{uri} answered a redirect ({status}), which is not followed");
                }

                using var reader = new StreamReader(answer);
                var type = response.Content.Headers.ContentType?.ToString() ?? "application/json";
                return new RelayedAnswer(status, type, await reader.ReadToEndAsync(ct));
            },
            cancellationToken
        );
    }

    private Task<T> GetAsync<T>(
        Uri uri,
        Func<Stream, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken
    ) =>
        ExchangeAsync(
            uri,
            () => new HttpRequestMessage(HttpMethod.Get, uri),
            (response, body, ct) =>
                response.IsSuccessStatusCode
                    ? read(body, ct)
                    : throw new HttpRequestException(
                        $"{uri} answered {(int)response.StatusCode}",
                        null,
                        response.StatusCode
                    ),
            cancellationToken
        );

    /// <summary>One request and the reading of its answer, under one deadline and the byte cap.</summary>
    private async Task<T> ExchangeAsync<T>(
        Uri uri,
        Func<HttpRequestMessage> request,
        Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken
    )
    {
        var cap = settings.PeerMaxAnswerBytes;
        var timeout = TimeSpan.FromSeconds(settings.PeerTimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var message = request();
            var headersRead = HttpCompletionOption.ResponseHeadersRead;
            using var response = await http.SendAsync(message, headersRead, deadline.Token);
            if (response.Content.Headers.ContentLength > cap)
            {
                throw new HttpRequestException(CappedStream.TooLarge(uri, cap));
            }

            var stream = await response.Content.ReadAsStreamAsync(deadline.Token);
            await using var body = new CappedStream(stream, cap, uri);
            return await read(response, body, deadline.Token);
        }
        catch (OperationCanceledException)
            when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"{uri} did not answer in full within {timeout.TotalSeconds:0.#} s");
        }
    }
}

/// <summary>Another node's answer, passed on unchanged.</summary>
public sealed record RelayedAnswer(int Status, string ContentType, string Body);
