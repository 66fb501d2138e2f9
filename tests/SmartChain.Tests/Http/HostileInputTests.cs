using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

/// <summary>
/// Issue 11, finding 4 (SPEC §11): bodies must be I-JSON (RFC 7493). Invalid UTF-8, a lone surrogate in any string
/// and a duplicate member name at any depth are a 400 problem+json on every route that reads a body, and store
/// nothing — on the open chain, the data chain, a ledger chain and the admin route that creates chains.
/// </summary>
public sealed class HostileInputTests(HostileInputTests.Node node) : IClassFixture<HostileInputTests.Node>
{
    /// <summary>One in-process node with a ledger chain where Alice holds 1000.</summary>
    public sealed class Node : IAsyncLifetime
    {
        public NodeApp App { get; } = new();

        public TestWallet Issuer { get; } = new();

        public TestWallet Alice { get; } = new();

        public HttpClient Http { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public string Ledger { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Http = App.CreateClient();
            Admin = App.AdminClient();
            Ledger = await LedgerChain.CreateAsync(Admin, Issuer, [(Alice.Address, "1000")]);
        }

        public async Task DisposeAsync()
        {
            await App.DisposeAsync();
            Issuer.Dispose();
            Alice.Dispose();
        }
    }

    private const string LoneHigh = "\\ud800";
    private const string LoneLow = "\\udc00";

    /// <summary>
    /// Where a hostile body goes and how it is built (the ledger chain's id and a signed request are only known at run
    /// time).
    /// </summary>
    public sealed record Case(string Path, Func<Node, byte[]> Body, bool Admin = false);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Invalid UTF-8 (a bare 0xFF, a truncated two-byte sequence, an overlong '/', an encoded surrogate).
        ["transactions/new: invalid UTF-8 in sender"] = Raw(
            "/transactions/new",
            "{\"sender\":\"",
            [0xFF],
            "\",\"amount\":1,\"recipient\":\"b\"}"
        ),
        ["transactions/new: truncated UTF-8 in a name"] = Raw(
            "/transactions/new",
            "{\"sender\":\"a\",\"amount\":1,\"",
            [0xC3],
            "\":\"b\"}"
        ),
        ["information/new: overlong UTF-8"] = Raw("/information/new", "{\"information\":\"", [0xC0, 0xAF], "\"}"),
        ["information/new: UTF-8 encoded surrogate"] = Raw(
            "/information/new",
            "{\"information\":\"",
            [0xED, 0xA0, 0x80],
            "\"}"
        ),
        ["nodes/register: invalid UTF-8 in a URL"] = Raw(
            "/nodes/register",
            "{\"nodes\":[\"http://",
            [0xFE],
            ":5001\"]}"
        ),
        ["chain transactions: invalid UTF-8"] = Raw(
            "/chains/aka/transactions",
            "{\"sender\":\"",
            [0xFF, 0xFE],
            "\",\"amount\":1,\"recipient\":\"b\"}"
        ),
        ["create chain: invalid UTF-8 in id"] = Raw(
            "/chains",
            "{\"id\":\"",
            [0xFF],
            "\",\"kind\":\"data\"}",
            admin: true
        ),

        // Lone surrogates, escaped.
        ["transactions/new: lone surrogate in sender"] = Text(
            "/transactions/new",
            $"{{\"sender\":\"a{LoneHigh}\",\"amount\":1,\"recipient\":\"b\"}}"
        ),
        ["transactions/new: lone surrogate in recipient"] = Text(
            "/transactions/new",
            $"{{\"sender\":\"a\",\"amount\":1,\"recipient\":\"{LoneLow}\"}}"
        ),
        ["transactions/new: lone surrogate as amount"] = Text(
            "/transactions/new",
            $"{{\"sender\":\"a\",\"amount\":\"{LoneHigh}\",\"recipient\":\"b\"}}"
        ),
        ["transactions/new: lone surrogate in a member name"] = Text(
            "/transactions/new",
            $"{{\"sender\":\"a\",\"amount\":1,\"recipient\":\"b\",\"{LoneHigh}\":1}}"
        ),
        ["transactions/new: swapped surrogate pair"] = Text(
            "/transactions/new",
            $"{{\"sender\":\"{LoneLow}{LoneHigh}\",\"amount\":1,\"recipient\":\"b\"}}"
        ),
        ["information/new: lone surrogate nested"] = Text(
            "/information/new",
            $"{{\"information\":{{\"list\":[\"ok\",\"{LoneHigh}\"]}}}}"
        ),
        ["nodes/register: lone surrogate in a URL"] = Text(
            "/nodes/register",
            $"{{\"nodes\":[\"http://a{LoneHigh}b:5001\"]}}"
        ),
        ["create chain: lone surrogate in id"] = Text(
            "/chains",
            $"{{\"id\":\"{LoneHigh}\",\"kind\":\"data\"}}",
            admin: true
        ),
        ["create chain: lone surrogate in genesis address"] = new(
            "/chains",
            n =>
                Utf8(
                    $"{{\"id\":\"g{Guid.NewGuid().ToString("N")[..10]}\",\"kind\":\"token\",\"mode\":\"ledger\",\"decim"
                        + "als\":6,"
                        + $"\"issuer_public_key\":\"{n.Issuer.PublicKey}\",\"genesis\":[{{\"address\":\"{LoneHigh}\",\""
                        + $"amount\":\"1\"}}]}}"
                ),
            Admin: true
        ),
        ["ledger: lone surrogate in payload.chain"] = Signed(request => request["payload"]!["chain"] = "SURROGATE"),
        ["ledger: lone surrogate in payload.sender"] = Signed(request => request["payload"]!["sender"] = "SURROGATE"),
        ["ledger: lone surrogate as payload.amount"] = Signed(request => request["payload"]!["amount"] = "SURROGATE"),
        ["ledger: lone surrogate in public_key"] = Signed(request => request["public_key"] = "SURROGATE"),
        ["ledger: lone surrogate in signature"] = Signed(request => request["signature"] = "SURROGATE"),

        // Duplicate member names, at the top and nested (escaped spellings of one name included).
        ["transactions/new: duplicate sender"] = Text(
            "/transactions/new",
            "{\"sender\":\"a\",\"sender\":\"z\",\"amount\":1,\"recipient\":\"b\"}"
        ),
        ["transactions/new: duplicate amount, escaped"] = Text(
            "/transactions/new",
            "{\"sender\":\"a\",\"amount\":1,\"\\u0061mount\":2,\"recipient\":\"b\"}"
        ),
        ["information/new: duplicate nested member"] = Text(
            "/information/new",
            "{\"information\":{\"owner\":\"a\",\"owner\":\"b\"}}"
        ),
        ["information/new: duplicate member in an array's object"] = Text(
            "/information/new",
            "{\"information\":[{\"k\":1,\"k\":1}]}"
        ),
        ["nodes/register: duplicate nodes"] = Text(
            "/nodes/register",
            "{\"nodes\":[\"http://127.0.0.1:5001\"],\"nodes\":[\"http://127.0.0.1:5002\"]}"
        ),
        ["create chain: duplicate id"] = Text(
            "/chains",
            "{\"id\":\"dup-a\",\"id\":\"dup-b\",\"kind\":\"data\"}",
            admin: true
        ),
        ["ledger: duplicate payload.amount"] = Signed(request => request["payload"]!["amount"] = "DUPLICATE"),
        ["ledger: duplicate top-level signature"] = Signed(request => request["signature"] = "DUPLICATE-TOP"),

        // A number no IEEE 754 double can hold cannot be canonicalized (RFC 8785), so it is no I-JSON either.
        ["information/new: number beyond double"] = Text("/information/new", "{\"information\":{\"n\":1e400}}"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task HostileBodyIsA400AndStoresNothing(string name)
    {
        var bad = Cases[name];
        var before = await StateAsync();

        using var content = new ByteArrayContent(bad.Body(node));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await (bad.Admin ? node.Admin : node.Http).PostAsync(
            bad.Path.Replace("LEDGER", node.Ledger, StringComparison.Ordinal),
            content
        );

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.BadRequest,
            $"{name}: expected 400, got {(int)response.StatusCode}: {text}"
        );
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));

        Assert.Equal(before, await StateAsync());
        foreach (var chain in new[] { "aka", "data", node.Ledger })
        {
            Assert.Equal(0, (await LedgerChain.ForgeAsync(node.Admin, chain)).GetProperty("tx_count").GetInt32());
        }
    }

    [Fact]
    public async Task AValidSurrogatePairIsStillAccepted()
    {
        using var response = await node.Http.PostAsync(
            "/information/new",
            Json("{\"information\":\"\\ud83d\\ude00 \u00e9\"}")
        );

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, (await LedgerChain.ForgeAsync(node.Admin, "data")).GetProperty("tx_count").GetInt32());
    }

    [Theory]
    [InlineData("/chains/%ED%A0%80")]
    [InlineData("/chains/%FF%FE/blocks")]
    [InlineData("/chains/aka/blocks?from=%ED%A0%80")]
    [InlineData("/chains/aka/blocks?limit=%FF")]
    [InlineData("/chains/aka/blocks/%C0%AF")]
    [InlineData("/chains/aka/transactions/%ED%A0%80")]
    [InlineData("/chains/LEDGER/accounts/%FF%FE")]
    [InlineData("/chains/LEDGER/accounts/%ED%A0%80/transactions?cursor=%ED%A0%80")]
    public async Task HostilePathOrQueryIsA4xx(string path)
    {
        using var response = await node.Http.GetAsync(path.Replace("LEDGER", node.Ledger, StringComparison.Ordinal));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    /// <summary>
    /// The chains there are with their heights, and Alice's ledger account: what a refused body must not change.
    /// </summary>
    private async Task<string> StateAsync()
    {
        var chains = (await node.Http.GetJsonAsync("/chains"))
            .GetProperty("chains")
            .EnumerateArray()
            .Select(c => $"{c.GetProperty("id").GetString()}@{c.GetProperty("height").GetInt64()}");
        var alice = await LedgerChain.AccountAsync(node.Http, node.Ledger, node.Alice.Address);
        return string.Join(",", chains.Order()) + " " + alice.GetRawText();
    }

    private static Case Text(string path, string body, bool admin = false) => new(path, _ => Utf8(body), admin);

    private static Case Raw(string path, string head, byte[] bad, string tail, bool admin = false) =>
        new(path, _ => [.. Utf8(head), .. bad, .. Utf8(tail)], admin);

    /// <summary>
    /// A request Alice signed properly, then made hostile in its text: "SURROGATE" becomes a lone surrogate escape,
    /// "DUPLICATE" a second member of that name (before the genuine one) so the body holds both.
    /// </summary>
    private static Case Signed(Action<JsonObject> mark) =>
        new(
            "/chains/LEDGER/transactions",
            n =>
            {
                var request = n.Alice.Transfer(n.Ledger, n.Issuer.Address, "1", 0);
                var genuineAmount = request["payload"]!["amount"]!.ToJsonString();
                var genuineSignature = request["signature"]!.ToJsonString();
                mark(request);
                var text = request
                    .ToJsonString()
                    .Replace("\"SURROGATE\"", $"\"x{LoneHigh}\"", StringComparison.Ordinal)
                    .Replace(
                        "\"amount\":\"DUPLICATE\"",
                        $"\"amount\":\"2\",\"amount\":{genuineAmount}",
                        StringComparison.Ordinal
                    )
                    .Replace(
                        "\"signature\":\"DUPLICATE-TOP\"",
                        $"\"signature\":\"AAAA\",\"signature\":{genuineSignature}",
                        StringComparison.Ordinal
                    );
                return Utf8(text);
            }
        );

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static ByteArrayContent Json(string text)
    {
        var content = new ByteArrayContent(Utf8(text));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
