using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// Talks to another SmartChain node over its public API: what chains it has, pages of blocks, and
/// forwarding a submission to the BPSC. Nothing it returns is trusted: blocks are verified by the caller.
/// </summary>
public sealed class NodeClient(HttpClient http)
{
    /// <summary>Chain info fields beside the settings themselves.</summary>
    private static readonly string[] InfoOnlyFields = ["producer", "height", "head_hash", "bpsc_public_key", "note", "log_origin", "log_verifier_key"];

    public async Task<IReadOnlyList<string>> ListTokenChainsAsync(Uri node, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync(new Uri(node, "chains"), cancellationToken);
        return json.RootElement.GetProperty("chains").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "token")
            .Select(c => c.GetProperty("id").GetString()!)
            .ToList();
    }

    /// <summary>A chain's settings, BPSC public key and log verifier key (if any) as its BPSC announces them.</summary>
    public async Task<(ChainSettings Settings, string PublicKey, string? LogVerifierKey)> GetChainAsync(Uri node, string chain, CancellationToken cancellationToken)
    {
        using var json = await GetJsonAsync(new Uri(node, $"chains/{chain}"), cancellationToken);
        var info = JsonNode.Parse(json.RootElement.GetRawText())!.AsObject();
        var publicKey = info["bpsc_public_key"]?.GetValue<string>() ?? throw new InvalidDataException($"chain '{chain}' has no bpsc_public_key");
        var logKey = info["log_verifier_key"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
        foreach (var field in InfoOnlyFields)
        {
            info.Remove(field);
        }

        var settings = ChainSettingsJson.TryRead(JsonSerializer.SerializeToElement(info), out var error)
            ?? throw new InvalidDataException($"chain '{chain}' settings are invalid: {error}");
        return (settings, publicKey, logKey);
    }

    /// <summary>Blocks from <paramref name="from"/> on, at most <paramref name="limit"/>; empty past the head.</summary>
    public async Task<IReadOnlyList<Block>> GetBlocksAsync(Uri node, string chain, long from, int limit, CancellationToken cancellationToken)
    {
        // Deserialized as it streams in, a transaction at a time: parsing the page as one JsonDocument rented
        // buffers of 1, 2, 4 and 8 MB per page from the shared array pool, which kept them (~120 MB on a replica).
        using var response = await GetAsync(new Uri(node, $"chains/{chain}/blocks?from={from}&limit={limit}"), cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var page = await JsonSerializer.DeserializeAsync<WirePage>(stream, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException("the blocks page is null");
        var blocks = new List<Block>();
        foreach (var wire in page.Blocks ?? throw new InvalidDataException("the page has no blocks array"))
        {
            var block = wire?.Transactions is null
                ? throw new InvalidDataException($"block after {from - 1 + blocks.Count}: transactions must be an array")
                : BlockJson.TryRead(wire.Fields ?? [], wire.Transactions, out var error) ?? throw new InvalidDataException($"block after {from - 1 + blocks.Count}: {error}");
            blocks.Add(block);
        }

        return blocks;
    }

    private sealed class WirePage
    {
        [JsonPropertyName("blocks")]
        public List<WireBlock?>? Blocks { get; set; }
    }

    private sealed class WireBlock
    {
        [JsonPropertyName("transactions")]
        public List<JsonElement>? Transactions { get; set; }

        [JsonExtensionData]
        public Dictionary<string, JsonElement>? Fields { get; set; }
    }

    /// <summary>Sends a request to <paramref name="path"/> on the node and hands back its status and answer as they are.</summary>
    public async Task<RelayedAnswer> RelayAsync(HttpMethod method, Uri node, string path, JsonElement? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(node, path.TrimStart('/')));
        if (body is { } json)
        {
            request.Content = JsonContent.Create(json);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return new RelayedAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "application/json", await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private async Task<JsonDocument> GetJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var response = await GetAsync(uri, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"{uri} answered {(int)response.StatusCode}", null, response.StatusCode);
        }

        return response;
    }
}

/// <summary>Another node's answer, passed on unchanged.</summary>
public sealed record RelayedAnswer(int Status, string ContentType, string Body);
