using System.Text.Json.Nodes;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

/// <summary>
/// <c>--save FILE</c> then <c>--from FILE</c>: a receipt and its cosigned checkpoint, fetched once, verify later with
/// the BPSC and its witness stopped; a file altered since, or older than what the wallet accepted, is refused.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class OfflineEvidenceTests
{
    [Fact]
    public async Task SavedReceiptVerifiesWithEveryNodeStoppedAndAnAlteredFileIsRefused()
    {
        using var home = new TempDirectory();
        using var otherHome = new TempDirectory();
        string witness;
        string id;
        string size;
        await using (var nodes = await WitnessedNodes.StartAsync(1))
        {
            id = (await nodes.ForgeAsync(3))[2];
            await nodes.CosignedByAllAsync();
            witness = nodes.WitnessKeys[0].Text;
            var saved = await QuorumCliTests.RunAsync(
                home,
                [
                    "receipt",
                    "--url",
                    nodes.Url,
                    "--chain",
                    "aka",
                    "--id",
                    id,
                    "--witness",
                    witness,
                    "--save",
                    home.File("evidence.json"),
                ]
            );
            Assert.True(saved.ExitCode == 0, saved.ToString());
            Assert.Equal($"saved: {home.File("evidence.json")}", saved.Out.Split('\n')[^2]);
            size = saved.Line("size")!;

            // A checkpoint alone, saved after more growth: it carries the proof from the size this wallet kept.
            await nodes.ForgeAsync(2);
            await nodes.CosignedByAllAsync();
            var later = await QuorumCliTests.RunAsync(
                home,
                [
                    "checkpoint",
                    "--url",
                    nodes.Url,
                    "--chain",
                    "aka",
                    "--witness",
                    witness,
                    "--save",
                    home.File("later.json"),
                ]
            );
            Assert.True(later.ExitCode == 0, later.ToString());
        }

        // Nothing listens any more: everything below reads the files only.
        string[] FromFile(string file, string key, string command = "receipt") =>
            [command, "--from", home.File(file), "--witness", key];
        var offline = await QuorumCliTests.RunAsync(otherHome, FromFile("evidence.json", witness));
        Assert.True(offline.ExitCode == 0, offline.ToString());
        Assert.Equal(id, offline.Line("transaction"));
        Assert.Equal(size, offline.Line("size"));
        Assert.Equal("none (first checkpoint accepted of this log)", offline.Line("previous"));
        Assert.Equal("OK", offline.Line("result"));

        // The later checkpoint's file proves consistency from the size the first one had: accepted after it.
        var later2 = await QuorumCliTests.RunAsync(otherHome, FromFile("later.json", witness, "checkpoint"));
        Assert.True(later2.ExitCode == 0, later2.ToString());
        Assert.Equal($"size {size}, extended consistently", later2.Line("previous"));

        // Now the older file is a rollback for this wallet.
        var rollback = await QuorumCliTests.RunAsync(otherHome, FromFile("evidence.json", witness));
        Assert.Equal(1, rollback.ExitCode);
        Assert.Equal(
            $"error: rollback refused: the checkpoint has size {size}, "
                + $"but this wallet already accepted size {later2.Line("size")}",
            rollback.ErrorLine
        );

        // An entry altered in the file no longer leads to the cosigned root.
        var altered = JsonNode.Parse(await File.ReadAllTextAsync(home.File("evidence.json")))!.AsObject();
        altered["receipt"]!["entry"]!["recipient"] = "eve";
        await File.WriteAllTextAsync(home.File("altered.json"), altered.ToJsonString());
        using var thirdHome = new TempDirectory();
        var refused = await QuorumCliTests.RunAsync(thirdHome, FromFile("altered.json", witness));
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith(
            $"error: the inclusion proof does not lead from entry {id} at log index ",
            refused.ErrorLine,
            StringComparison.Ordinal
        );

        // And a witness that is not the one that cosigned is no quorum, offline as online.
        using var stranger = SmartChain.Domain.Log.Ed25519Key.Generate();
        var other = SmartChain.Domain.Log.NoteVerifierKey.Create("witness.example/other", 0x04, stranger.PublicKey);
        var noQuorum = await QuorumCliTests.RunAsync(thirdHome, FromFile("evidence.json", other.Text));
        Assert.Equal(1, noQuorum.ExitCode);
        Assert.EndsWith("; missing: witness.example/other", noQuorum.ErrorLine, StringComparison.Ordinal);
    }
}
