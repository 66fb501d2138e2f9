using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SmartChain.Cli.Ledger;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Crypto;

namespace SmartChain.Tests.Cli;

/// <summary>
/// docs/ledger-test-vector.md: every value it publishes, recomputed from the key and checked both ways.
/// </summary>
public sealed partial class LedgerTestVectorTests
{
    private const string PrivateKey =
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgCrEaykmsz90hXGcsFGOG0mUD6-BWObic1LqhPUxRTBmhRANCAAQi-p9JXAHqOg"
        + "tulJg-oCBPzVX4LOKpNX_KRFUPjfK5Mu2jVptz_i_0zPd5jlz3rGj6l4ypXo2V2RgxbDM1JyyO";
    private const string PublicKeySpki =
        "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEIvqfSVwB6joLbpSYPqAgT81V-CziqTV_ykRVD43yuTLto1abc_4v9Mz3eY5c96xo-peMqV6Nld"
        + "kYMWwzNScsjg";
    private const string VectorAddress = "a7ec3b9f1bce4b3149ef0efe73b7331936a4570f";
    private const string Recipient = "00112233445566778899aabbccddeeff00112233";
    private const string CanonicalText =
        """{"amount":"12.5","chain":"gold","nonce":0,"recipient":"00112233445566778899"""
        + """aabbccddeeff00112233","sender":"a7ec3b9f1bce4b3149ef0efe73b7331936a4570f"}""";
    private const string CanonicalHex =
        "7b22616d6f756e74223a2231322e35222c22636861696e223a22676f6c64222c226e6f6e6365223a302c22726563697069656e74223a22"
        + "30303131323233333434353536363737383839396161626263636464656566663030313132323333222c2273656e646572223a22"
        + "61376563336239663162636534623331343965663065666537336237333331393336613435373066227d";
    private const string Id = "11b70bfba11dc3ecc46170ea17e32e294c8d07824619c7882f7b2ba65632ee7a";
    private const string Signature =
        "6daPnhAONVoKreVjWf7K6LetgYc_HJKO6V1nVq7eu9AaHBKrL4btrlX6UG9v8Dxc1coqdtjx7m_SeluR-mkrfA";

    // Made by `openssl dgst -sign` and converted DER -> P1363 with the doc's recipe: another implementation's
    // signature.
    private const string OpensslSignature =
        "QgQtPMjoOVZZcJ5FrL_EHbu7vUrax2OWPn9UQqMjXkL0DOx0Rcf7yN_hgDcS2xL3b-aX45xd25km4NRwCgA8Xw";

    [Fact]
    public void DocumentPublishesExactlyTheseValues()
    {
        var values = DocumentValues();

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["private_key_pkcs8"] = PrivateKey,
                ["public_key_spki"] = PublicKeySpki,
                ["address"] = VectorAddress,
                ["chain"] = "gold",
                ["recipient"] = Recipient,
                ["amount"] = "12.5",
                ["nonce"] = "0",
                ["payload_canonical_text"] = CanonicalText,
                ["payload_canonical_hex"] = CanonicalHex,
                ["id"] = Id,
                ["signature_p1363"] = Signature,
            },
            values
        );
        Assert.Contains(OpensslSignature, Document());
    }

    [Fact]
    public void PrivateKeyYieldsThePublishedPublicKeyAndAddress()
    {
        using var key = SigningKey.FromPkcs8(Base64Url.TryDecode(PrivateKey)!);

        Assert.Equal(PublicKeySpki, key.PublicKey.Base64Url);
        Assert.Equal(VectorAddress, Address.Of(key.PublicKey).Value);
    }

    [Fact]
    public void AddressIsFirstFortyHexOfSha256OverSpkiDer()
    {
        // Hand-computed: `b64url(PublicKeySpki) | sha256sum` (see the doc's openssl recipe) gave this digest.
        const string digest = "a7ec3b9f1bce4b3149ef0efe73b7331936a4570f";
        var spki = Base64Url.TryDecode(PublicKeySpki)!;
        Assert.Equal(91, spki.Length);
        Assert.StartsWith(digest, Convert.ToHexStringLower(SHA256.HashData(spki)), StringComparison.Ordinal);

        using var key = PublicKey.TryParse(PublicKeySpki)!;
        Assert.Equal(digest, Address.Of(key).Value);
    }

    [Fact]
    public void CliSignsTheVectorPayloadIntoThePublishedBytesAndId()
    {
        using var key = SigningKey.FromPkcs8(Base64Url.TryDecode(PrivateKey)!);

        var request = LedgerRequest.Sign(key, "gold", Recipient, "12.5", 0);

        Assert.Equal(CanonicalText, Encoding.UTF8.GetString(request.CanonicalBytes));
        Assert.Equal(CanonicalHex, Convert.ToHexStringLower(request.CanonicalBytes));
        Assert.Equal(Id, request.Id);
        Assert.Equal(Id, Sha256Hex.Of(Convert.FromHexString(CanonicalHex)));
        Assert.Equal(PublicKeySpki, request.PublicKey);

        // Randomized ECDSA: a fresh signature differs from the published one, yet both verify.
        using var verifier = PublicKey.TryParse(PublicKeySpki)!;
        var fresh = Base64Url.TryDecode(request.Signature)!;
        Assert.Equal(64, fresh.Length);
        Assert.True(verifier.Verify(request.CanonicalBytes, fresh));
        Assert.NotEqual(Signature, request.Signature);
    }

    [Fact]
    public void PublishedSignaturesVerifyOverTheCanonicalBytesOnly()
    {
        using var verifier = PublicKey.TryParse(PublicKeySpki)!;
        var canonical = Encoding.UTF8.GetBytes(CanonicalText);

        Assert.True(verifier.Verify(canonical, Base64Url.TryDecode(Signature)!));
        Assert.True(verifier.Verify(canonical, Base64Url.TryDecode(OpensslSignature)!));
        Assert.False(
            verifier.Verify(
                Encoding.UTF8.GetBytes(CanonicalText.Replace("12.5", "12.6")),
                Base64Url.TryDecode(Signature)!
            )
        );

        // The same payload pretty-printed is other bytes: only the canonical form is signed.
        var pretty = JsonNode.Parse(CanonicalText)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.False(verifier.Verify(Encoding.UTF8.GetBytes(pretty), Base64Url.TryDecode(Signature)!));
    }

    [Fact]
    public void DocumentedRequestBodyCarriesTheVector()
    {
        var body = JsonNode
            .Parse(Regex.Match(Document(), "```json\n(.*?)\n```", RegexOptions.Singleline).Groups[1].Value)!
            .AsObject();

        Assert.Equal(["payload", "public_key", "signature"], body.Select(p => p.Key));
        Assert.Equal(CanonicalText, CanonicalJson.ToText(body["payload"]));
        Assert.Equal(PublicKeySpki, body["public_key"]!.GetValue<string>());
        Assert.Equal(Signature, body["signature"]!.GetValue<string>());
    }

    private static string Document() =>
        File.ReadAllText(Path.Combine(Support.TestStorage.RepoRoot, "docs", "ledger-test-vector.md"))
            .Replace("\r\n", "\n");

    private static Dictionary<string, string> DocumentValues()
    {
        var block = ValuesBlock().Match(Document());
        Assert.True(block.Success, "docs/ledger-test-vector.md has no ## Values text block");
        return block
            .Groups[1]
            .Value.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1]);
    }

    [GeneratedRegex("## Values\n\n```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ValuesBlock();
}
