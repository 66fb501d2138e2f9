using System.Net;
using System.Text;
using SmartChain.Domain.Log;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Logs;

/// <summary>
/// The C2SP tlog-witness protocol on a node witnessing a chain it holds: every status, in the spec's order.
/// </summary>
public sealed class WitnessTests
{
    [Fact]
    public async Task WitnessAnswersEveryStatusOfTheProtocolAndCosignsOnlyConsistentGrowth()
    {
        await using var node = new NodeApp(
            settings: new Dictionary<string, string?> { ["SMARTCHAIN_WITNESS_NAME"] = "witness.example/w1" }
        );
        var http = node.CreateClient();
        var identity = await http.GetJsonAsync("/witness");
        Assert.Equal("witness.example/w1", identity.GetProperty("name").GetString());
        var witnessKey = NoteVerifierKey.TryParse(identity.GetProperty("verifier_key").GetString())!;
        Assert.Equal(NoteSignatureType.CosignatureV1, witnessKey.Type);
        var logKey = NoteVerifierKey.TryParse(
            (await http.GetJsonAsync("/chains/data")).GetProperty("log_verifier_key").GetString()
        )!;

        await AddRecordsAndForgeAsync(http, 10);
        var ten = await http.GetStringAsync("/chains/data/checkpoint");

        // 400: not an add-checkpoint body at all.
        await ExpectAsync(http, "hello", HttpStatusCode.BadRequest);
        // 404: an origin this node does not hold (checked before the signature).
        using var stranger = Ed25519Key.Generate();
        var foreign = Checkpoint.Create("elsewhere.example/log", 1, new byte[32]);
        var foreignNote = new SignedNote(
            foreign.Text,
            [new NoteSigner(foreign.Origin, stranger).Sign(foreign.Text)]
        ).Format();
        await ExpectAsync(http, $"old 0\n\n{foreignNote}", HttpStatusCode.NotFound);
        // 403: the chain's origin, signed by another key under the same name.
        var forged = new SignedNote(
            SignedNote.TryParse(ten)!.Text,
            [new NoteSigner(logKey.Name, stranger).Sign(SignedNote.TryParse(ten)!.Text)]
        ).Format();
        await ExpectAsync(http, $"old 0\n\n{forged}", HttpStatusCode.Forbidden);
        // 400: old size past the checkpoint size (judged after 404 and 403).
        await ExpectAsync(http, $"old 11\n\n{ten}", HttpStatusCode.BadRequest);
        // 409: old size is not what the witness recorded (0): the body says what it recorded.
        var conflict = await ExpectAsync(http, $"old 5\n\n{ten}", HttpStatusCode.Conflict);
        Assert.Equal("text/x.tlog.size", conflict.Content.Headers.ContentType!.MediaType);
        Assert.Equal("0\n", await conflict.Content.ReadAsStringAsync());
        // 422: old size 0 takes no proof.
        var anyHash = Convert.ToBase64String(new byte[32]);
        await ExpectAsync(http, $"old 0\n{anyHash}\n\n{ten}", HttpStatusCode.UnprocessableEntity);

        // 200: the first cosignature, verifiable with the witness key over the checkpoint.
        var cosigned = await ExpectAsync(http, $"old 0\n\n{ten}", HttpStatusCode.OK);
        var line = NoteSignature.TryParse((await cosigned.Content.ReadAsStringAsync()).TrimEnd('\n'))!;
        Assert.True(witnessKey.Verify(SignedNote.TryParse(ten)!.Text, line));

        // 422: old = size with a non-empty proof; same size again without proof is fine (same root).
        await ExpectAsync(http, $"old 10\n{anyHash}\n\n{ten}", HttpStatusCode.UnprocessableEntity);
        await ExpectAsync(http, $"old 10\n\n{ten}", HttpStatusCode.OK);

        await AddRecordsAndForgeAsync(http, 7);
        var seventeen = await http.GetStringAsync("/chains/data/checkpoint");
        var proof = (await http.GetJsonAsync("/chains/data/proof/consistency?from=10&to=17"))
            .GetProperty("hashes")
            .EnumerateArray()
            .Select(h => h.GetString() + "\n")
            .ToList();
        // 422: a proof that does not verify.
        await ExpectAsync(
            http,
            $"old 10\n{string.Concat(proof.Select((_, i) => i == 0 ? anyHash + "\n" : proof[i]))}\n{seventeen}",
            HttpStatusCode.UnprocessableEntity
        );

        // Concurrent submissions of the same growth: check-and-record is atomic, exactly one is cosigned.
        var body = $"old 10\n{string.Concat(proof)}\n{seventeen}";
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => http.PostAsync("/witness/add-checkpoint", new StringContent(body)))
        );
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(
            answers.Where(a => a.StatusCode != HttpStatusCode.OK),
            a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode)
        );
        // The recorded size never goes back: the old checkpoint is now a 409 naming 17.
        var stale = await ExpectAsync(http, $"old 10\n\n{ten}", HttpStatusCode.Conflict);
        Assert.Equal("17\n", await stale.Content.ReadAsStringAsync());
    }

    internal static async Task AddRecordsAndForgeAsync(HttpClient http, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var posted = await http.PostJsonAsync(
                "/information/new",
                new { information = $"record {Guid.NewGuid()}" }
            );
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        await http.GetJsonAsync("/mine");
    }

    private static async Task<HttpResponseMessage> ExpectAsync(HttpClient http, string body, HttpStatusCode expected)
    {
        var response = await http.PostAsync("/witness/add-checkpoint", new StringContent(body, Encoding.UTF8));
        Assert.True(
            expected == response.StatusCode,
            $"expected {expected}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
        );
        return response;
    }
}
