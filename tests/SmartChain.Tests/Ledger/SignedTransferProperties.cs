using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Ledger;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Ledger;

/// <summary>
/// Hostile signed transfers (issue 11): a properly signed request, then one random mutation of its payload, key or
/// signature — a value changed, a field added, dropped or duplicated, a signature byte flipped, a lone surrogate,
/// a lenient amount. Only an untouched request (or one whose members were merely reordered, which RFC 8785 bytes do
/// not see) verifies; nothing else does, nothing throws, and over HTTP nothing is a 5xx.
/// </summary>
public sealed class SignedTransferProperties : IDisposable
{
    private readonly TestWallet _alice = new();
    private readonly TestWallet _mallory = new();
    private readonly ChainSettings _chain;

    public SignedTransferProperties()
    {
        _chain = new ChainSettings
        {
            Id = ChainId.Parse("ledger-p"),
            Kind = ChainKind.Token,
            Mode = TokenMode.Ledger,
            Decimals = 6,
            IssuerPublicKey = _alice.PublicKey,
        };
    }

    /// <summary>A mutation of a request's text, and whether it leaves what was signed untouched.</summary>
    public sealed record Mutation(string Name, bool Harmless, Func<JsonObject, string> Apply);

    [Fact]
    public void OnlyAnUntouchedRequestVerifies()
    {
        var property = Prop.ForAll(
            Requests().ToArbitrary(),
            Mutations().ToArbitrary(),
            (request, mutation) =>
            {
                var text = mutation.Apply((JsonObject)request.DeepClone());
                using var document = IJsonDocument.TryParse(Encoding.UTF8.GetBytes(text), 32, out _);
                var transfer = document is null ? null : SignedTransfer.TryRead(document.RootElement, _chain, out _);
                return (
                    (transfer is not null) == mutation.Harmless
                    && (transfer is null || transfer.Id == TestWallet.IdOf(request))
                ).Label($"{mutation.Name}: {text} → {(transfer is null ? "refused" : "verified")}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1_000), property);
    }

    [Fact]
    public async Task OverHttpAMutatedRequestIsAlwaysA4xxAndMovesNothing()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();
        var chain = await LedgerChain.CreateAsync(node.AdminClient(), _alice, [(_alice.Address, "1000")]);
        var before = (await LedgerChain.AccountAsync(http, chain, _alice.Address)).GetRawText();
        var harmful = Mutations().Where(m => !m.Harmless);

        var property = Prop.ForAll(
            Requests(chain).ToArbitrary(),
            harmful.ToArbitrary(),
            (request, mutation) =>
            {
                using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mutation.Apply(request)));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = Task.Run(() => http.PostAsync($"/chains/{chain}/transactions", content))
                    .GetAwaiter()
                    .GetResult();
                var status = (int)response.StatusCode;
                return (
                    status is >= 400 and < 500
                    && response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ).Label($"{mutation.Name}: {status}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);

        Assert.Equal(before, (await LedgerChain.AccountAsync(http, chain, _alice.Address)).GetRawText());
        using var untouched = await http.PostAsJsonAsync(
            $"/chains/{chain}/transactions",
            _alice.Transfer(chain, _mallory.Address, "1", 0)
        );
        Assert.Equal(HttpStatusCode.Accepted, untouched.StatusCode);
    }

    public void Dispose()
    {
        _alice.Dispose();
        _mallory.Dispose();
    }

    private Gen<JsonObject> Requests(string? chain = null) =>
        from amount in Gen.Elements<object>("1", "0.5", "12.345678", 7, 2.5m, "999")
        from nonce in Gen.Choose(0, 1_000)
        select _alice.Transfer(chain ?? _chain.Id.Value, _mallory.Address, amount, nonce);

    private Gen<Mutation> Mutations()
    {
        static Mutation Payload(string name, Action<JsonObject> change) =>
            new(
                name,
                false,
                request =>
                {
                    change(request["payload"]!.AsObject());
                    return request.ToJsonString();
                }
            );

        return Gen.Elements(
            new Mutation("untouched", true, request => request.ToJsonString()),
            new Mutation(
                "members reordered",
                true,
                request =>
                {
                    var payload = request["payload"]!.AsObject();
                    var reordered = new JsonObject(
                        payload.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())).ToList()
                    );
                    return new JsonObject
                    {
                        ["signature"] = request["signature"]!.DeepClone(),
                        ["public_key"] = request["public_key"]!.DeepClone(),
                        ["payload"] = reordered,
                    }.ToJsonString();
                }
            ),
            Payload("amount changed", p => p["amount"] = "1000"),
            Payload("amount as a lenient string", p => p["amount"] = "1e2"),
            Payload("amount with a leading zero", p => p["amount"] = "01"),
            Payload("nonce changed", p => p["nonce"] = p["nonce"]!.GetValue<long>() + 1),
            Payload("recipient changed", p => p["recipient"] = _alice.Address),
            Payload("sender changed", p => p["sender"] = _mallory.Address),
            Payload("chain changed", p => p["chain"] = "other"),
            Payload("type added", p => p["type"] = "mint"),
            Payload("field added", p => p["memo"] = "x"),
            Payload("field dropped", p => p.Remove("nonce")),
            new Mutation(
                "public key swapped",
                false,
                request =>
                {
                    request["public_key"] = _mallory.PublicKey;
                    return request.ToJsonString();
                }
            ),
            new Mutation(
                "signed by another key",
                false,
                request => _alice.Sign(request["payload"]!.AsObject(), _mallory.Key).ToJsonString()
            ),
            new Mutation(
                "signature byte flipped",
                false,
                request =>
                {
                    var signature = request["signature"]!.GetValue<string>().ToCharArray();
                    signature[5] = signature[5] == 'A' ? 'B' : 'A';
                    request["signature"] = new string(signature);
                    return request.ToJsonString();
                }
            ),
            new Mutation(
                "signature truncated",
                false,
                request =>
                {
                    request["signature"] = request["signature"]!.GetValue<string>()[..40];
                    return request.ToJsonString();
                }
            ),
            new Mutation(
                "duplicate amount",
                false,
                request =>
                    request
                        .ToJsonString()
                        .Replace("\"amount\":", "\"amount\":\"2\",\"amount\":", StringComparison.Ordinal)
            ),
            new Mutation(
                "lone surrogate in chain",
                false,
                request =>
                    request.ToJsonString().Replace("\"chain\":\"", "\"chain\":\"\\ud800", StringComparison.Ordinal)
            ),
            new Mutation(
                "payload an array",
                false,
                request =>
                {
                    request["payload"] = new JsonArray();
                    return request.ToJsonString();
                }
            ),
            new Mutation("cut short", false, request => request.ToJsonString()[..^2])
        );
    }
}
