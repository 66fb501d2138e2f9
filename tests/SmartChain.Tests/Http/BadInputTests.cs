using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// SPEC §5 and §11 on a real node over real HTTP: bad input of any kind on any route is a 4xx
/// application/problem+json with a title and a detail, and changes nothing (no chain grows, nothing waits to be
/// forged).
/// </summary>
public sealed class BadInputTests(ManualNodeFixture fixture) : IClassFixture<ManualNodeFixture>
{
    private const string Json = "application/json";
    private const string Admin = NodeProcess.AdminKey;
    private static readonly string TxId = new('0', 28);

    /// <summary>A request and the status it must get.</summary>
    public sealed record Case(
        string Method,
        string Path,
        string? ContentType,
        string? Body,
        int Status,
        string? AdminKey = null,
        bool Chunked = false
    );

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Every route that reads a body: the envelope.
        ["transactions/new: malformed JSON"] = new("POST", "/transactions/new", Json, "{\"sender\": \"a\",", 400),
        ["transactions/new: text/plain"] = new(
            "POST",
            "/transactions/new",
            "text/plain",
            "{\"sender\":\"a\",\"amount\":1,\"recipient\":\"b\"}",
            415
        ),
        ["transactions/new: no content type"] = new(
            "POST",
            "/transactions/new",
            null,
            "{\"sender\":\"a\",\"amount\":1,\"recipient\":\"b\"}",
            415
        ),
        ["transactions/new: over 64 KiB"] = new(
            "POST",
            "/transactions/new",
            Json,
            $"{{\"sender\":\"{new string('a', 70_000)}\",\"amount\":1,\"recipient\":\"b\"}}",
            413
        ),
        ["transactions/new: over 64 KiB chunked"] = new(
            "POST",
            "/transactions/new",
            Json,
            $"{{\"sender\":\"{new string('a', 70_000)}\",\"amount\":1,\"recipient\":\"b\"}}",
            413,
            Chunked: true
        ),
        ["transactions/new: empty body"] = new("POST", "/transactions/new", Json, "", 400),
        ["transactions/new: array"] = new("POST", "/transactions/new", Json, "[]", 400),
        ["transactions/new: deep nesting"] = new(
            "POST",
            "/transactions/new",
            Json,
            new string('[', 100) + new string(']', 100),
            400
        ),
        ["information/new: malformed JSON"] = new("POST", "/information/new", Json, "{information", 400),
        ["information/new: text/plain"] = new("POST", "/information/new", "text/plain", "{\"information\":1}", 415),
        ["information/new: over 64 KiB"] = new(
            "POST",
            "/information/new",
            Json,
            $"{{\"information\":\"{new string('i', 70_000)}\"}}",
            413
        ),
        ["nodes/register: malformed JSON"] = new("POST", "/nodes/register", Json, "{\"nodes\":[", 400),
        ["nodes/register: text/plain"] = new(
            "POST",
            "/nodes/register",
            "text/plain",
            "{\"nodes\":[\"http://127.0.0.1:5001\"]}",
            415
        ),
        ["nodes/register: over 64 KiB"] = new(
            "POST",
            "/nodes/register",
            Json,
            $"{{\"nodes\":[\"http://{new string('h', 70_000)}:1\"]}}",
            413
        ),
        ["chain transactions: malformed JSON"] = new("POST", "/chains/aka/transactions", Json, "{", 400),
        ["chain transactions: text/plain"] = new("POST", "/chains/aka/transactions", "text/plain", "x", 415),
        ["chain transactions: over 64 KiB"] = new(
            "POST",
            "/chains/aka/transactions",
            Json,
            $"{{\"sender\":\"{new string('a', 70_000)}\"}}",
            413
        ),
        ["create chain: malformed JSON"] = new("POST", "/chains", Json, "{\"id\":", 400, Admin),
        ["create chain: text/plain"] = new("POST", "/chains", "text/plain", "{}", 415, Admin),

        // The article's transfer: fields.
        ["transfer: unknown field"] = Transfer("{\"sender\":\"a\",\"amount\":1,\"recipient\":\"b\",\"memo\":\"x\"}"),
        ["transfer: missing recipient"] = Transfer("{\"sender\":\"a\",\"amount\":1}"),
        ["transfer: missing amount"] = Transfer("{\"sender\":\"a\",\"recipient\":\"b\"}"),
        ["transfer: empty object"] = Transfer("{}"),
        ["transfer: amount negative"] = Transfer(Body("-5")),
        ["transfer: amount negative string"] = Transfer(Body("\"-5\"")),
        ["transfer: amount zero"] = Transfer(Body("0")),
        ["transfer: amount zero string"] = Transfer(Body("\"0.000\"")),
        ["transfer: amount garbage"] = Transfer(Body("\"ten\"")),
        ["transfer: amount NaN"] = Transfer(Body("\"NaN\"")),
        ["transfer: amount Infinity"] = Transfer(Body("\"Infinity\"")),
        ["transfer: amount too many decimals"] = Transfer(Body("\"1.123456789\"")),
        ["transfer: amount too many decimals as number"] = Transfer(Body("0.000000001")),
        ["transfer: amount beyond decimal precision"] = Transfer(Body("1.00000000000000000000000000001")),
        ["transfer: amount huge"] = Transfer(Body("1e30")),
        ["transfer: amount huge digits"] = Transfer(Body("99999999999999999999999999999999")),
        ["transfer: amount overflowing exponent"] = Transfer(Body("1e999999")),
        ["transfer: amount boolean"] = Transfer(Body("true")),
        ["transfer: amount null"] = Transfer(Body("null")),
        ["transfer: amount array"] = Transfer(Body("[1]")),
        ["transfer: amount object"] = Transfer(Body("{\"value\":1}")),
        ["transfer: sender number"] = Transfer("{\"sender\":5,\"amount\":1,\"recipient\":\"b\"}"),
        ["transfer: sender null"] = Transfer("{\"sender\":null,\"amount\":1,\"recipient\":\"b\"}"),
        ["transfer: sender empty"] = Transfer("{\"sender\":\"\",\"amount\":1,\"recipient\":\"b\"}"),
        ["transfer: sender too long"] = Transfer(
            $"{{\"sender\":\"{new string('s', 129)}\",\"amount\":1,\"recipient\":\"b\"}}"
        ),
        ["transfer: sender control character"] = Transfer(
            "{\"sender\":\"a\\u0000b\",\"amount\":1,\"recipient\":\"b\"}"
        ),
        ["transfer: recipient object"] = Transfer("{\"sender\":\"a\",\"amount\":1,\"recipient\":{}}"),
        ["transfer on chain route: amount negative"] = new("POST", "/chains/aka/transactions", Json, Body("-1"), 400),
        ["transfer on chain route: unknown field"] = new(
            "POST",
            "/chains/aka/transactions",
            Json,
            "{\"sender\":\"a\",\"amount\":1,\"recipient\":\"b\",\"fee\":0}",
            400
        ),

        // The article's information.
        ["information: null"] = new("POST", "/information/new", Json, "{\"information\":null}", 400),
        ["information: missing"] = new("POST", "/information/new", Json, "{}", 400),
        ["information: unknown field"] = new(
            "POST",
            "/information/new",
            Json,
            "{\"information\":1,\"owner\":\"x\"}",
            400
        ),
        ["information: over 16 KiB"] = new(
            "POST",
            "/information/new",
            Json,
            $"{{\"information\":\"{new string('i', 17_000)}\"}}",
            400
        ),
        ["information on chain route: null"] = new(
            "POST",
            "/chains/data/transactions",
            Json,
            "{\"information\":null}",
            400
        ),

        // Node registration.
        ["register: no nodes"] = Register("{}"),
        ["register: nodes not a list"] = Register("{\"nodes\":\"http://127.0.0.1:5001\"}"),
        ["register: empty list"] = Register("{\"nodes\":[]}"),
        ["register: ftp"] = Register("{\"nodes\":[\"ftp://127.0.0.1:5001\"]}"),
        ["register: no scheme"] = Register("{\"nodes\":[\"127.0.0.1:5001\"]}"),
        ["register: no host"] = Register("{\"nodes\":[\"http://:5001\"]}"),
        ["register: path"] = Register("{\"nodes\":[\"http://127.0.0.1:5001/chain\"]}"),
        ["register: query"] = Register("{\"nodes\":[\"http://127.0.0.1:5001/?x=1\"]}"),
        ["register: fragment"] = Register("{\"nodes\":[\"http://127.0.0.1:5001/#x\"]}"),
        ["register: user info"] = Register("{\"nodes\":[\"http://user:pass@127.0.0.1:5001\"]}"),
        ["register: number"] = Register("{\"nodes\":[5001]}"),
        ["register: unknown field"] = Register("{\"nodes\":[\"http://127.0.0.1:5001\"],\"force\":true}"),
        ["register: one bad among good"] = Register("{\"nodes\":[\"http://127.0.0.1:5001\",\"gopher://x:70\"]}"),

        // Block pages and blocks.
        ["blocks: from=0"] = Get("/chains/aka/blocks?from=0", 400),
        ["blocks: from=-1"] = Get("/chains/aka/blocks?from=-1", 400),
        ["blocks: from=abc"] = Get("/chains/aka/blocks?from=abc", 400),
        ["blocks: limit=0"] = Get("/chains/aka/blocks?limit=0", 400),
        ["blocks: limit=1001"] = Get("/chains/aka/blocks?limit=1001", 400),
        ["blocks: limit=1.5"] = Get("/chains/aka/blocks?limit=1.5", 400),
        ["blocks: from twice"] = Get("/chains/aka/blocks?from=1&from=2", 400),
        ["blocks: unknown parameter"] = Get("/chains/aka/blocks?page=2", 400),
        ["block: index 0"] = Get("/chains/aka/blocks/0", 400),
        ["block: index abc"] = Get("/chains/aka/blocks/abc", 400),
        ["block: unknown"] = Get("/chains/aka/blocks/999999", 404),

        // Unknown chain, transaction.
        ["unknown chain: info"] = Get("/chains/nope", 404),
        ["unknown chain: invalid id"] = Get("/chains/NOPE!", 404),
        ["unknown chain: blocks"] = Get("/chains/nope/blocks", 404),
        ["unknown chain: block"] = Get("/chains/nope/blocks/1", 404),
        ["unknown chain: transaction"] = Get($"/chains/nope/transactions/{TxId}", 404),
        ["unknown chain: submit"] = new("POST", "/chains/nope/transactions", Json, Body("1"), 404),
        ["unknown chain: forge"] = new("POST", "/chains/nope/forge", null, null, 404, Admin),
        ["unknown transaction"] = Get($"/chains/aka/transactions/{TxId}", 404),
        ["unknown transaction: not an id"] = Get("/chains/aka/transactions/zzz", 404),

        // Admin routes.
        ["create chain: no key"] = new("POST", "/chains", Json, "{\"id\":\"new\",\"kind\":\"data\"}", 401),
        ["create chain: wrong key"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\"}",
            401,
            "wrong-key"
        ),
        ["forge: no key"] = new("POST", "/chains/aka/forge", null, null, 401),
        ["forge: wrong key"] = new("POST", "/chains/aka/forge", null, null, 401, "wrong-key"),
        ["create chain: bad id"] = new("POST", "/chains", Json, "{\"id\":\"BAD ID\",\"kind\":\"data\"}", 400, Admin),
        ["create chain: bad kind"] = new("POST", "/chains", Json, "{\"id\":\"new\",\"kind\":\"nft\"}", 400, Admin),
        ["create chain: unknown field"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\",\"owner\":\"me\"}",
            400,
            Admin
        ),
        ["create chain: token field on data"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\",\"decimals\":2}",
            400,
            Admin
        ),
        ["create chain: decimals 19"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"token\",\"decimals\":19}",
            400,
            Admin
        ),
        ["create chain: fee rate 1"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"token\",\"fee_rate\":\"1\"}",
            400,
            Admin
        ),
        ["create chain: count 0"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\",\"policy\":{\"count\":0}}",
            400,
            Admin
        ),
        ["create chain: five-field interval"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\",\"policy\":{\"interval\":\"*/5 * * * *\"}}",
            400,
            Admin
        ),
        ["create chain: heartbeat without interval"] = new(
            "POST",
            "/chains",
            Json,
            "{\"id\":\"new\",\"kind\":\"data\",\"policy\":{\"count\":5,\"heartbeat\":true}}",
            400,
            Admin
        ),
        ["create chain: existing id"] = new("POST", "/chains", Json, "{\"id\":\"aka\",\"kind\":\"token\"}", 409, Admin),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadInputIsAProblemAndChangesNothing(string name)
    {
        var http = fixture.Node.Http;
        var before = await StateAsync(http);
        var bad = Cases[name];

        using var response = await SendAsync(http, bad);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            bad.Status == (int)response.StatusCode,
            $"{name}: expected {bad.Status}, got {(int)response.StatusCode}: {text}"
        );
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(bad.Status, problem.RootElement.GetProperty("status").GetInt32());

        Assert.Equal(before, await StateAsync(http));
        var mined = await http.GetJsonAsync("/mine");
        Assert.All(
            mined.GetProperty("forged").EnumerateArray(),
            block => Assert.Equal(0, block.GetProperty("tx_count").GetInt32())
        );
    }

    private static Case Transfer(string body) => new("POST", "/transactions/new", Json, body, 400);

    private static Case Register(string body) => new("POST", "/nodes/register", Json, body, 400);

    private static Case Get(string path, int status) => new("GET", path, null, null, status);

    private static string Body(string amount) => $"{{\"sender\":\"alice\",\"amount\":{amount},\"recipient\":\"bob\"}}";

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, Case bad)
    {
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(bad.Body);
            request.Content = bad.Chunked ? new ChunkedContent(bytes) : new ByteArrayContent(bytes);
            if (bad.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
            }
        }

        if (bad.AdminKey is not null)
        {
            request.Headers.Add("x-functions-key", bad.AdminKey);
        }

        return await http.SendAsync(request);
    }

    /// <summary>What bad input must not change: the chains there are and their heights.</summary>
    private static async Task<string> StateAsync(HttpClient http)
    {
        var chains = (await http.GetJsonAsync("/chains"))
            .GetProperty("chains")
            .EnumerateArray()
            .Select(c => $"{c.GetProperty("id").GetString()}@{c.GetProperty("height").GetInt64()}");
        return string.Join(",", chains.Order());
    }

    /// <summary>A body sent without Content-Length (chunked), so the size limit must hold while reading.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
