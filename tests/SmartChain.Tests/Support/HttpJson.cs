using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace SmartChain.Tests.Support;

/// <summary>Short forms for the JSON round trips every HTTP test makes.</summary>
public static class HttpJson
{
    /// <summary>The body as a detached JSON element (throws with the body's text when it is not JSON).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode} answer is not JSON: {text}", e);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        var json = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body);

    /// <summary>Posts raw text with a given content type, exactly as written (for malformed bodies).</summary>
    public static Task<HttpResponseMessage> PostRawAsync(
        this HttpClient http,
        string path,
        string body,
        string? contentType = "application/json"
    )
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null
            ? null
            : System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return http.PostAsync(path, content);
    }

    /// <summary>A chain's height as <c>GET /chains/{chain}</c> reports it.</summary>
    public static async Task<long> HeightAsync(this HttpClient http, string chain) =>
        (await http.GetJsonAsync($"/chains/{chain}")).GetProperty("height").GetInt64();

    /// <summary>
    /// The hashes of a chain's blocks in order, from the article's <c>{chain|chain2, length}</c> answer.
    /// </summary>
    public static IReadOnlyList<string> Hashes(JsonElement articleChain, string property) =>
        articleChain.GetProperty(property).EnumerateArray().Select(b => b.GetProperty("hash").GetString()!).ToList();

    /// <summary><c>POST /chains/{chain}/forge</c> with the admin key: forges one block now and answers it.</summary>
    public static async Task<JsonElement> ForgeAsync(this HttpClient http, string chain, string adminKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/chains/{chain}/forge");
        request.Headers.Add("x-functions-key", adminKey);
        using var response = await http.SendAsync(request);
        var json = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"forge of {chain} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    /// <summary>Forges until a block comes out empty: nothing acknowledged is left pending.</summary>
    public static async Task DrainAsync(this HttpClient http, string chain, string adminKey)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if ((await http.ForgeAsync(chain, adminKey)).GetProperty("tx_count").GetInt32() == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException($"chain {chain} still had pending transactions after 50 forges");
    }
}
