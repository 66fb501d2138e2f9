using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SmartChain.Cli.Http;

/// <summary>
/// The CLI's only HTTP code: one method per node route it uses. Non-2xx answers become
/// <see cref="ProblemException"/> (problem+json) or <see cref="CliFailure"/>; nothing here trusts what it
/// reads, the callers verify it.
/// </summary>
public sealed class NodeApi : IDisposable
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
    };

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;

    public NodeApi(Uri baseUrl)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = RequestTimeout };
    }

    public Uri BaseUrl { get; }

    /// <summary>
    /// An absolute http(s) URL with a trailing slash, so relative routes resolve under any base path.
    /// </summary>
    public static Uri ParseUrl(string text)
    {
        if (
            !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(url.Host)
        )
        {
            throw new CliFailure($"--url must be an absolute http or https URL, not '{text}'");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    public async Task<ChainInfo> GetChainAsync(string chain, CancellationToken cancellationToken)
    {
        var json = await SendAsync(HttpMethod.Get, $"chains/{chain}", null, null, cancellationToken);
        try
        {
            return new ChainInfo(
                json.GetProperty("id").GetString()!,
                json.GetProperty("kind").GetString()!,
                json.TryGetProperty("mode", out var mode) ? mode.GetString() : null,
                json.GetProperty("height").GetInt64(),
                json.TryGetProperty("head_hash", out var head) ? head.GetString() : null,
                json.GetProperty("bpsc_public_key").GetString()!,
                json.TryGetProperty("decimals", out var decimals) ? decimals.GetInt32() : 0,
                json
            );
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliFailure($"the node's description of chain '{chain}' is malformed: {e.Message}");
        }
    }

    public async Task<AccountInfo> GetAccountAsync(string chain, string address, CancellationToken cancellationToken) =>
        Read<AccountInfo>(
            await SendAsync(HttpMethod.Get, $"chains/{chain}/accounts/{address}", null, null, cancellationToken)
        );

    public async Task<SubmitAnswer> SubmitAsync(string chain, JsonObject body, CancellationToken cancellationToken) =>
        Read<SubmitAnswer>(
            await SendAsync(HttpMethod.Post, $"chains/{chain}/transactions", body, null, cancellationToken)
        );

    public async Task<ReceiptInfo> GetReceiptAsync(string chain, string id, CancellationToken cancellationToken) =>
        Read<ReceiptInfo>(
            await SendAsync(HttpMethod.Get, $"chains/{chain}/transactions/{id}", null, null, cancellationToken)
        );

    public Task<JsonElement> GetBlockAsync(string chain, long index, CancellationToken cancellationToken) =>
        SendAsync(
            HttpMethod.Get,
            $"chains/{chain}/blocks/{index.ToString(CultureInfo.InvariantCulture)}",
            null,
            null,
            cancellationToken
        );

    public async Task<BlockPage> GetBlocksAsync(string chain, long from, int limit, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"chains/{chain}/blocks?from={from}&limit={limit}");
        var json = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        if (
            json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("blocks", out var blocks)
            || blocks.ValueKind != JsonValueKind.Array
            || !json.TryGetProperty("next", out var next)
            || next.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null)
        )
        {
            throw new CliFailure($"the page of blocks from {from} is not {{blocks:[…], next}}");
        }

        return new BlockPage(
            blocks.EnumerateArray().ToList(),
            next.ValueKind == JsonValueKind.Null ? null : next.GetInt64()
        );
    }

    /// <summary><c>GET /chains/{chain}/checkpoint</c>: the signed note as served (text, not JSON).</summary>
    public Task<string> GetCheckpointAsync(string chain, CancellationToken cancellationToken) =>
        GetTextAsync($"chains/{chain}/checkpoint", cancellationToken);

    /// <summary>
    /// <c>/proof/inclusion?index=&amp;size=</c> or <c>/proof/consistency?from=&amp;to=</c>: the hashes, decoded.
    /// </summary>
    public async Task<IReadOnlyList<byte[]>> GetProofAsync(
        string chain,
        string kind,
        long a,
        long b,
        CancellationToken cancellationToken
    )
    {
        var query = kind == "inclusion" ? $"index={a}&size={b}" : $"from={a}&to={b}";
        var path = string.Create(CultureInfo.InvariantCulture, $"chains/{chain}/proof/{kind}?{query}");
        var json = await SendAsync(HttpMethod.Get, path, null, null, cancellationToken);
        if (
            json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("hashes", out var hashes)
            || hashes.ValueKind != JsonValueKind.Array
        )
        {
            throw new CliFailure($"the {kind} proof from {path} is not {{hashes:[…]}}");
        }

        return hashes
            .EnumerateArray()
            .Select(h =>
                (h.ValueKind == JsonValueKind.String ? Domain.Log.Base64.TryDecode(h.GetString()!) : null)
                ?? throw new CliFailure($"the {kind} proof holds '{h}', not a base64 hash")
            )
            .ToList();
    }

    /// <summary><c>POST /chains</c>, an admin route: the key travels in <c>x-functions-key</c>.</summary>
    public Task<JsonElement> CreateChainAsync(JsonObject body, string adminKey, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, "chains", body, adminKey, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static T Read<T>(JsonElement json)
    {
        try
        {
            return json.Deserialize<T>(Wire)
                ?? throw new CliFailure($"the node answered null where a {typeof(T).Name} was expected");
        }
        catch (JsonException e)
        {
            throw new CliFailure($"the node's answer is not a valid {typeof(T).Name}: {e.Message}");
        }
    }

    private async Task<JsonElement> SendAsync(
        HttpMethod method,
        string path,
        JsonObject? body,
        string? adminKey,
        CancellationToken cancellationToken
    )
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        if (adminKey is not null)
        {
            request.Headers.Add("x-functions-key", adminKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(
                    method,
                    path,
                    (int)response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType,
                    text
                );
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new CliFailure($"{method} {new Uri(BaseUrl, path)} did not answer JSON: {e.Message}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure($"cannot reach the node at {BaseUrl}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(
                $"the node at {BaseUrl} did not answer {method} {path} within {RequestTimeout.TotalSeconds:0} s"
            );
        }
    }

    private async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(path, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            return response.IsSuccessStatusCode
                ? text
                : throw Failure(HttpMethod.Get, path, (int)response.StatusCode, mediaType, text);
        }
        catch (HttpRequestException e)
        {
            throw new CliFailure($"cannot reach the node at {BaseUrl}: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = RequestTimeout.TotalSeconds;
            throw new CliFailure($"the node at {BaseUrl} did not answer GET {path} within {seconds:0} s");
        }
    }

    private CliFailure Failure(HttpMethod method, string path, int status, string? mediaType, string text)
    {
        if (mediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                var root = document.RootElement;
                if (
                    root.ValueKind == JsonValueKind.Object
                    && root.TryGetProperty("title", out var title)
                    && title.ValueKind == JsonValueKind.String
                )
                {
                    var detail =
                        root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String
                            ? d.GetString()!
                            : "";
                    var extensions = root.EnumerateObject()
                        .Where(p => p.Name is not ("type" or "title" or "status" or "detail" or "instance"))
                        .ToDictionary(p => p.Name, p => p.Value.Clone());
                    return new ProblemException(status, title.GetString()!, detail, extensions);
                }
            }
            catch (JsonException)
            {
                // Not a problem document after all: fall through to the plain message.
            }
        }

        var excerpt = text.Length > 200 ? text[..200] + "…" : text;
        return new CliFailure(
            $"{method} {new Uri(BaseUrl, path)} answered {status}{(excerpt.Length > 0 ? ": " + excerpt : "")}"
        );
    }
}
