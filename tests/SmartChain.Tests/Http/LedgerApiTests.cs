using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Merkle;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Http;

public sealed class LedgerApiTests : IAsyncLifetime
{
    private readonly NodeApp _node = new();
    private readonly TestWallet _issuer = new();
    private readonly TestWallet _alice = new();
    private readonly TestWallet _bob = new();
    private HttpClient _http = null!;
    private HttpClient _admin = null!;
    private string _chain = null!;

    public async Task InitializeAsync()
    {
        _http = _node.CreateClient();
        _admin = _node.AdminClient();
        _chain = await LedgerChain.CreateAsync(
            _admin,
            _issuer,
            [(_alice.Address, "1000")],
            body =>
            {
                body["max_transfer"] = "500";
                body["blocked_recipients"] = new JsonArray("00000000000000000000000000000000000000aa");
            }
        );
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _issuer.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task TransferReservesThenForgingMovesBalancesWithFee()
    {
        var request = _alice.Transfer(_chain, _bob.Address, "100", 0);
        var accepted = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(TestWallet.IdOf(request), id);

        var pending = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("1000", pending.GetProperty("balance").GetString());
        Assert.Equal("100", pending.GetProperty("reserved").GetString());
        Assert.Equal(1, pending.GetProperty("next_nonce").GetInt64());

        var block = await LedgerChain.ForgeAsync(_admin, _chain);
        Assert.Equal(1, block.GetProperty("tx_count").GetInt32());

        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("900", alice.GetProperty("balance").GetString());
        Assert.Equal("0", alice.GetProperty("reserved").GetString());
        Assert.Equal(
            "99.995",
            (await LedgerChain.AccountAsync(_http, _chain, _bob.Address)).GetProperty("balance").GetString()
        );

        var receipt = await _http.GetFromJsonAsync<JsonElement>($"/chains/{_chain}/transactions/{id}");
        Assert.Equal("included", receipt.GetProperty("status").GetString());
        var proof = receipt.GetProperty("proof");
        var leaf = MerkleTree.LeafHash(
            System.Text.Encoding.UTF8.GetBytes(
                SmartChain.Domain.Canonical.CanonicalJson.ToText(block.GetProperty("transactions")[0])
            )
        );
        var inclusion = new InclusionProof(
            proof.GetProperty("leaf_index").GetInt64(),
            proof.GetProperty("tree_size").GetInt64(),
            proof.GetProperty("audit_path").EnumerateArray().Select(h => Hex.Decode(h.GetString()!)).ToList()
        );
        Assert.True(
            MerkleTree.VerifyInclusion(leaf, inclusion, Hex.Decode(block.GetProperty("merkle_root").GetString()!))
        );
    }

    [Fact]
    public async Task ResubmittingTheSameTransferIsIdempotent()
    {
        var request = _alice.Transfer(_chain, _bob.Address, "10", 0);
        var first = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
        var second = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()
        );

        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("10", alice.GetProperty("reserved").GetString());
        Assert.Equal(1, alice.GetProperty("next_nonce").GetInt64());
        Assert.Equal(1, (await LedgerChain.ForgeAsync(_admin, _chain)).GetProperty("tx_count").GetInt32());
    }

    [Fact]
    public async Task ResubmittingAForgedTransferAnswersItsBlockAndStatus()
    {
        var delivered = _alice.Transfer(_chain, _bob.Address, "10", 0);
        var refunded = _alice.Transfer(_chain, "00000000000000000000000000000000000000aa", "20", 1);
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", delivered)).StatusCode
        );
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", refunded)).StatusCode
        );
        var index = (await LedgerChain.ForgeAsync(_admin, _chain)).GetProperty("index").GetInt64();

        foreach (var (request, status, position) in new[] { (delivered, "included", 0), (refunded, "refunded", 1) })
        {
            var again = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(
                (TestWallet.IdOf(request), status, index),
                (
                    answer.GetProperty("id").GetString(),
                    answer.GetProperty("status").GetString(),
                    answer.GetProperty("block_index").GetInt64()
                )
            );
            var receipt = await _http.GetFromJsonAsync<JsonElement>(
                $"/chains/{_chain}/transactions/{TestWallet.IdOf(request)}"
            );
            Assert.Equal(
                (status, index, position),
                (
                    receipt.GetProperty("status").GetString(),
                    receipt.GetProperty("block_index").GetInt64(),
                    receipt.GetProperty("position").GetInt32()
                )
            );
        }

        Assert.Equal(
            2,
            (await LedgerChain.AccountAsync(_http, _chain, _alice.Address)).GetProperty("next_nonce").GetInt64()
        );
    }

    public static TheoryData<string, HttpStatusCode, string> Refusals =>
        new()
        {
            { "signed-by-another-key", HttpStatusCode.UnprocessableEntity, "signature" },
            { "sender-not-key-owner", HttpStatusCode.UnprocessableEntity, "not the address of public_key" },
            { "tampered-payload", HttpStatusCode.UnprocessableEntity, "signature" },
            { "wrong-chain", HttpStatusCode.UnprocessableEntity, "payload.chain" },
            { "skipped-nonce", HttpStatusCode.Conflict, "expected 0" },
            { "too-many-decimals", HttpStatusCode.BadRequest, "decimal places" },
            { "insufficient-funds", HttpStatusCode.UnprocessableEntity, "insufficient funds" },
            { "mint-by-non-issuer", HttpStatusCode.UnprocessableEntity, "issuer" },
            { "unknown-field", HttpStatusCode.BadRequest, "unknown field" },
        };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task BadTransferIsRefusedPreciselyAndChangesNothing(string kind, HttpStatusCode status, string detail)
    {
        using var mallory = new TestWallet();
        JsonObject request = kind switch
        {
            "signed-by-another-key" => _alice.Sign(
                (JsonObject)_alice.Transfer(_chain, _bob.Address, "10", 0)["payload"]!,
                mallory.Key
            ),
            "sender-not-key-owner" => WithPublicKey(_alice.Transfer(_chain, _bob.Address, "10", 0), mallory.PublicKey),
            "tampered-payload" => Tampered(_alice.Transfer(_chain, _bob.Address, "10", 0)),
            "wrong-chain" => _alice.Transfer("other", _bob.Address, "10", 0),
            "skipped-nonce" => _alice.Transfer(_chain, _bob.Address, "10", 1),
            "too-many-decimals" => _alice.Transfer(_chain, _bob.Address, "0.0000001", 0),
            "insufficient-funds" => _alice.Transfer(_chain, _bob.Address, "1000.000001", 0),
            "mint-by-non-issuer" => _alice.Transfer(_chain, _bob.Address, "5", 0, type: "mint"),
            _ => WithExtraField(_alice.Transfer(_chain, _bob.Address, "10", 0)),
        };

        var response = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(
            detail,
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
        );
        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("0", alice.GetProperty("reserved").GetString());
        Assert.Equal(0, alice.GetProperty("next_nonce").GetInt64());
        Assert.Equal(0, (await LedgerChain.ForgeAsync(_admin, _chain)).GetProperty("tx_count").GetInt32());
    }

    [Fact]
    public async Task ReusedNonceIsAConflictNamingTheExpectedNonce()
    {
        await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", _alice.Transfer(_chain, _bob.Address, "10", 0));
        var reuse = await _http.PostAsJsonAsync(
            $"/chains/{_chain}/transactions",
            _alice.Transfer(_chain, _bob.Address, "11", 0)
        );
        Assert.Equal(HttpStatusCode.Conflict, reuse.StatusCode);
        Assert.Equal(
            1,
            (await reuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expected_nonce").GetInt64()
        );
    }

    [Theory]
    [InlineData("00000000000000000000000000000000000000aa", "10", "recipient_blocked")]
    [InlineData(null, "500.5", "over_transfer_limit")]
    public async Task UndeliverableTransferIsRefundedWithItsReason(string? recipient, string amount, string reason)
    {
        var request = _alice.Transfer(_chain, recipient ?? _bob.Address, amount, 0);
        var accepted = await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        var block = await LedgerChain.ForgeAsync(_admin, _chain);
        Assert.Equal("refund", block.GetProperty("transactions")[0].GetProperty("type").GetString());
        var receipt = await _http.GetFromJsonAsync<JsonElement>(
            $"/chains/{_chain}/transactions/{TestWallet.IdOf(request)}"
        );
        Assert.Equal("refunded", receipt.GetProperty("status").GetString());
        Assert.Equal(reason, receipt.GetProperty("reason").GetString());
        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("1000", alice.GetProperty("balance").GetString());
        Assert.Equal("0", alice.GetProperty("reserved").GetString());
    }

    [Fact]
    public async Task IssuerMintsWithoutFee()
    {
        var mint = _issuer.Transfer(_chain, _bob.Address, "250", 0, type: "mint");
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await _http.PostAsJsonAsync($"/chains/{_chain}/transactions", mint)).StatusCode
        );
        await LedgerChain.ForgeAsync(_admin, _chain);
        Assert.Equal(
            "250",
            (await LedgerChain.AccountAsync(_http, _chain, _bob.Address)).GetProperty("balance").GetString()
        );
    }

    [Fact]
    public async Task FiftyConcurrentDoubleSpendsOfOneNonceAcceptExactlyOne()
    {
        using var recipients = new TestWallet();
        var attempts = Enumerable.Range(0, 50).Select(i => _alice.Transfer(_chain, $"{i:x40}", "600", 0)).ToList();

        var responses = await Task.WhenAll(
            attempts.Select(a => _http.PostAsJsonAsync($"/chains/{_chain}/transactions", a))
        );

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(
            responses.Where(r => r.StatusCode != HttpStatusCode.Accepted),
            r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode)
        );
        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        Assert.Equal("600", alice.GetProperty("reserved").GetString());
    }

    [Fact]
    public async Task FiftyConcurrentTransfersNeverOverdraw()
    {
        // 50 transfers of 30 with nonces 0..49 race: whatever order they arrive in, at most 1000/30 = 33 can be
        // reserved.
        var attempts = Enumerable.Range(0, 50).Select(n => _alice.Transfer(_chain, _bob.Address, "30", n)).ToList();
        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(attempts.Select(a => _http.PostAsJsonAsync($"/chains/{_chain}/transactions", a)));
        }

        var alice = await LedgerChain.AccountAsync(_http, _chain, _alice.Address);
        var reserved = decimal.Parse(
            alice.GetProperty("reserved").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(reserved <= 1000m, $"reserved {reserved} exceeds the balance");
        Assert.Equal(reserved / 30m, alice.GetProperty("next_nonce").GetInt64());
        var block = await LedgerChain.ForgeAsync(_admin, _chain);
        Assert.Equal(alice.GetProperty("next_nonce").GetInt64(), block.GetProperty("tx_count").GetInt32());
        Assert.Equal(
            (1000m - reserved).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await LedgerChain.AccountAsync(_http, _chain, _alice.Address)).GetProperty("balance").GetString()
        );
    }

    private static JsonObject WithPublicKey(JsonObject request, string publicKey)
    {
        request["public_key"] = publicKey;
        return request;
    }

    private static JsonObject Tampered(JsonObject request)
    {
        request["payload"]!["amount"] = "11";
        return request;
    }

    private static JsonObject WithExtraField(JsonObject request)
    {
        request["memo"] = "hi";
        return request;
    }
}
