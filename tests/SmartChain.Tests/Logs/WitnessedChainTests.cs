using System.Net;
using SmartChain.Domain.Log;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Logs;

/// <summary>
/// Two real node processes: a replica that witnesses its BPSC's chain (it cosigns only roots of blocks it verified),
/// and a BPSC configured with it in SMARTCHAIN_WITNESSES that serves the cosigned checkpoint.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class WitnessedChainTests
{
    [Fact]
    public async Task BpscServesACheckpointCosignedByAReplicaWitnessAndTheReplicaServesItUnchanged()
    {
        var prefix = TestStorage.UniquePrefix();
        var bpscPort = TestStorage.FreePort();
        await using var witness = await NodeProcess.StartAsync(
            prefix + "w",
            args: ["--manual", "--bpsc", $"http://127.0.0.1:{bpscPort}"],
            env: new Dictionary<string, string> { ["SMARTCHAIN_WITNESS_NAME"] = "witness.example/replica" }
        );
        var witnessKey = NoteVerifierKey.TryParse(
            (await witness.Http.GetJsonAsync("/witness")).GetProperty("verifier_key").GetString()
        )!;
        await using var bpsc = await NodeProcess.StartAsync(
            prefix + "b",
            port: bpscPort,
            args: ["--manual"],
            env: new Dictionary<string, string>
            {
                ["SMARTCHAIN_WITNESSES"] = $" {witness.Url}witness {witnessKey.Text} ; ",
            }
        );

        var logKey = NoteVerifierKey.TryParse(
            (await bpsc.Http.GetJsonAsync("/chains/aka")).GetProperty("log_verifier_key").GetString()
        )!;
        for (var i = 0; i < 5; i++)
        {
            using var posted = await bpsc.Http.PostJsonAsync(
                "/transactions/new",
                new
                {
                    sender = "a",
                    amount = 100 + i,
                    recipient = "b",
                }
            );
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }

        await bpsc.Http.GetJsonAsync("/mine");
        var size = (await LogApiTests.CheckpointAsync(bpsc.Http, logKey, "aka")).Size;
        Assert.True(size >= 5);

        var cosigned = await Eventually.ReturnsAsync(
            () => bpsc.Http.GetStringAsync("/chains/aka/checkpoint"),
            text => SignedNote.TryParse(text)!.Signatures.Any(witnessKey.Claims),
            TimeSpan.FromSeconds(60),
            "a checkpoint cosigned by the witness"
        );
        var note = SignedNote.TryParse(cosigned)!;
        Assert.Equal(NoteCheck.Verified, note.Verify([logKey, witnessKey]).Check);
        Assert.Equal(2, note.Verify([logKey, witnessKey]).Verified.Count);
        Assert.Equal(logKey.Name, note.Signatures[0].Name);
        Assert.Equal(size, Checkpoint.TryParse(note.Text)!.Size);

        // The replica pinned the same log key and serves the BPSC's checkpoint as it was signed.
        Assert.Equal(
            logKey.Text,
            (await witness.Http.GetJsonAsync("/chains/aka")).GetProperty("log_verifier_key").GetString()
        );
        var mirrored = await Eventually.ReturnsAsync(
            async () =>
                (await witness.Http.GetAsync("/chains/aka/checkpoint")) is { StatusCode: HttpStatusCode.OK } r
                    ? await r.Content.ReadAsStringAsync()
                    : "",
            text => SignedNote.TryParse(text) is { } n && Checkpoint.TryParse(n.Text)?.Size == size,
            TimeSpan.FromSeconds(30),
            "the replica serving the BPSC's checkpoint"
        );
        Assert.Equal(NoteCheck.Verified, SignedNote.TryParse(mirrored)!.Verify([logKey]).Check);
        Assert.Equal(note.Text, SignedNote.TryParse(mirrored)!.Text);
    }
}
