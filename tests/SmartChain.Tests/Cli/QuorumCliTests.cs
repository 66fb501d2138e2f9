using SmartChain.Domain.Log;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

/// <summary>A BPSC and two witness replicas, shared by the quorum tests (each with its own wallet folder).</summary>
public sealed class TwoWitnessFixture : IAsyncLifetime
{
    public WitnessedNodes Nodes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Nodes = await WitnessedNodes.StartAsync(2);
        await Nodes.ForgeAsync(3);
        await Nodes.CosignedByAllAsync();
    }

    public async Task DisposeAsync() => await Nodes.DisposeAsync();
}

/// <summary>
/// <c>smartchain checkpoint | receipt | verify --witness VKEY… --quorum K</c> against real processes: a checkpoint is
/// accepted only with the log's signature and K cosignatures of named witnesses, and only if it extends the one the
/// wallet folder kept from the last run.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class QuorumCliTests(TwoWitnessFixture fixture) : IClassFixture<TwoWitnessFixture>
{
    private WitnessedNodes Nodes => fixture.Nodes;

    private string[] Witnesses => Nodes.WitnessKeys.SelectMany(k => new[] { "--witness", k.Text }).ToArray();

    /// <summary><c>checkpoint --url URL --chain aka --witness w1 --witness w2</c> and any further arguments.</summary>
    private string[] CheckpointArgs(Uri url, params string[] more) =>
        ["checkpoint", "--url", url.ToString(), "--chain", "aka", .. Witnesses, .. more];

    [Fact]
    public async Task CheckpointIsAcceptedWithTheQuorumAndRefusedBelowIt()
    {
        using var home = new TempDirectory();
        var note = await Nodes.CosignedByAllAsync();
        var size = Checkpoint.TryParse(SignedNote.TryParse(note)!.Text)!.Size;
        using var stranger = Ed25519Key.Generate();
        var absent = NoteVerifierKey.Create(
            "witness.example/absent",
            NoteSignatureType.CosignatureV1,
            stranger.PublicKey
        );

        var ok = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url));
        Assert.True(ok.ExitCode == 0, ok.ToString());
        Assert.Equal(Nodes.LogKey.Name, ok.Line("origin"));
        Assert.True(Size(ok) >= size);
        Assert.Equal(
            "2 of 2 named cosigned, 2 required (witness.example/w1, witness.example/w2)",
            ok.Line("witnesses")
        );
        Assert.Equal("none (first checkpoint accepted of this log)", ok.Line("previous"));
        Assert.Equal("OK", ok.Line("result"));

        // A third named witness that never cosigned: the default quorum is all named, so 2 of 3 is refused.
        var short1 = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url, "--witness", absent.Text));
        Assert.Equal(1, short1.ExitCode);
        Assert.Equal(
            "error: only 2 of the 3 required witness cosignatures verify on the checkpoint of size "
                + $"{ok.Line("size")}; cosigned by: witness.example/w1, witness.example/w2; "
                + "missing: witness.example/absent",
            short1.ErrorLine
        );
        Assert.Null(short1.Line("result"));

        var two = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url, "--witness", absent.Text, "--quorum", "2"));
        Assert.True(two.ExitCode == 0, two.ToString());
        Assert.Equal(
            "2 of 3 named cosigned, 2 required (witness.example/w1, witness.example/w2)",
            two.Line("witnesses")
        );

        // A node that drops w2's cosignature, then one that corrupts it: with a quorum of 2, both are refused.
        var w2 = Nodes.WitnessKeys[1];
        await using (
            var dropping = await RewritingProxy.StartAsync(
                Nodes.Bpsc.Url,
                rewrite: (path, body) => path == "chains/aka/checkpoint" ? DropSignature(body, w2) : body
            )
        )
        {
            var dropped = await RunAsync(home, CheckpointArgs(dropping.Url));
            Assert.Equal(1, dropped.ExitCode);
            Assert.EndsWith(
                "; cosigned by: witness.example/w1; missing: witness.example/w2",
                dropped.ErrorLine,
                StringComparison.Ordinal
            );
            Assert.StartsWith(
                "error: only 1 of the 2 required witness cosignatures verify",
                dropped.ErrorLine,
                StringComparison.Ordinal
            );
        }

        await using (
            var corrupting = await RewritingProxy.StartAsync(
                Nodes.Bpsc.Url,
                rewrite: (path, body) => path == "chains/aka/checkpoint" ? CorruptSignature(body, w2) : body
            )
        )
        {
            var corrupted = await RunAsync(home, CheckpointArgs(corrupting.Url));
            Assert.Equal(1, corrupted.ExitCode);
            Assert.EndsWith(
                "; cosigned by: witness.example/w1; invalid: witness.example/w2",
                corrupted.ErrorLine,
                StringComparison.Ordinal
            );
        }

        // The log key pinned out of band must be the one that signed.
        var pinned = await RunAsync(
            home,
            ["checkpoint", "--url", Nodes.Url, "--chain", "aka", "--log-key", absent.Text]
        );
        Assert.Equal(1, pinned.ExitCode);
        Assert.Equal(
            $"error: the node announces log key {Nodes.LogKey.Text}, not the pinned {absent.Text}",
            pinned.ErrorLine
        );
    }

    [Fact]
    public async Task EachRunRequiresAConsistencyProofFromTheCheckpointTheWalletKept()
    {
        using var home = new TempDirectory();
        await Nodes.CosignedByAllAsync();
        var first = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url));
        Assert.True(first.ExitCode == 0, first.ToString());
        var kept = Path.Combine(home.Path, ".smartchain", "checkpoints", Nodes.LogKey.Name.Replace('/', '_') + ".json");
        var keptJson = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(kept)).RootElement;
        Assert.Equal(Nodes.LogKey.Text, keptJson.GetProperty("log_verifier_key").GetString());
        var keptNote = SignedNote.TryParse(keptJson.GetProperty("note").GetString()!)!;
        Assert.Equal(Size(first), SmartChain.Domain.Log.Checkpoint.TryParse(keptNote.Text)!.Size);
        var oldNote = await Nodes.Bpsc.Http.GetStringAsync("/chains/aka/checkpoint");

        await Nodes.ForgeAsync(2);
        await Nodes.CosignedByAllAsync();
        var second = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal($"size {first.Line("size")}, extended consistently", second.Line("previous"));
        Assert.True(Size(second) > Size(first));

        // The node shows the older checkpoint again: a rollback.
        await using (
            var rollback = await RewritingProxy.StartAsync(
                Nodes.Bpsc.Url,
                rewrite: (path, body) => path == "chains/aka/checkpoint" ? oldNote : body
            )
        )
        {
            var refused = await RunAsync(home, CheckpointArgs(rollback.Url));
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal(
                $"error: rollback refused: the checkpoint has size {first.Line("size")}, "
                    + $"but this wallet already accepted size {second.Line("size")}",
                refused.ErrorLine
            );
        }

        // The proof from the kept size does not verify: the new checkpoint does not extend it, a fork.
        await Nodes.ForgeAsync(1);
        await Nodes.CosignedByAllAsync();
        await using (
            var forking = await RewritingProxy.StartAsync(
                Nodes.Bpsc.Url,
                rewrite: (path, body) =>
                    path.StartsWith("chains/aka/proof/consistency", StringComparison.Ordinal)
                        ? $"{{\"hashes\":[\"{Convert.ToBase64String(new byte[32])}\"]}}"
                        : body
            )
        )
        {
            var refused = await RunAsync(home, CheckpointArgs(forking.Url));
            Assert.Equal(1, refused.ExitCode);
            Assert.StartsWith(
                "error: fork refused: the checkpoint of size ",
                refused.ErrorLine,
                StringComparison.Ordinal
            );
            Assert.EndsWith(
                $" does not extend the one of size {second.Line("size")} this wallet accepted "
                    + "(the consistency proof does not verify)",
                refused.ErrorLine,
                StringComparison.Ordinal
            );
        }

        // The refusals kept nothing: the honest node still proves consistency from the kept checkpoint.
        var third = await RunAsync(home, CheckpointArgs(Nodes.Bpsc.Url));
        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal($"size {second.Line("size")}, extended consistently", third.Line("previous"));
    }

    [Fact]
    public async Task ReceiptIsProvenInTheCosignedCheckpointAndAChainVerifiesAgainstIt()
    {
        using var home = new TempDirectory();
        var ids = await Nodes.ForgeAsync(2);
        await Nodes.CosignedByAllAsync();
        var served = await Nodes.Bpsc.Http.GetJsonAsync($"/chains/aka/transactions/{ids[1]}");
        var logIndex = served.GetProperty("log_index").GetInt64();

        var receipt = await RunAsync(
            home,
            ["receipt", "--url", Nodes.Url, "--chain", "aka", "--id", ids[1], .. Witnesses]
        );
        Assert.True(receipt.ExitCode == 0, receipt.ToString());
        Assert.Equal(ids[1], receipt.Line("transaction"));
        Assert.Equal(logIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt.Line("log_index"));
        Assert.Equal("OK", receipt.Line("result"));

        // A node that serves another entry in its place: the inclusion proof no longer leads to the cosigned root.
        await using (
            var lying = await RewritingProxy.StartAsync(
                Nodes.Bpsc.Url,
                rewrite: (path, body) =>
                    path.StartsWith("chains/aka/blocks/", StringComparison.Ordinal)
                        ? body.Replace("\"bob\"", "\"eve\"", StringComparison.Ordinal)
                        : body
            )
        )
        {
            var refused = await RunAsync(
                home,
                ["receipt", "--url", lying.Url.ToString(), "--chain", "aka", "--id", ids[1], .. Witnesses]
            );
            Assert.Equal(1, refused.ExitCode);
            Assert.StartsWith(
                $"error: the inclusion proof does not lead from entry {ids[1]} at log index {logIndex} "
                    + "to the checkpoint's root",
                refused.ErrorLine,
                StringComparison.Ordinal
            );
        }

        var verify = await RunAsync(
            home,
            ["verify", "--url", Nodes.Url, "--chain", "aka", .. Witnesses, "--quorum", "2"]
        );
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Equal($"size {receipt.Line("size")}, root {receipt.Line("root")}", verify.Line("checkpoint"));
        Assert.Equal("2 cosigned (witness.example/w1, witness.example/w2)", verify.Line("witnesses"));
        Assert.Equal("OK", verify.Line("result"));
    }

    internal static Task<CliRun> RunAsync(TempDirectory home, string[] args) =>
        CliRunner.RunAsync(args, home: home.Path);

    private static long Size(CliRun run) =>
        long.Parse(run.Line("size")!, System.Globalization.CultureInfo.InvariantCulture);

    private static string DropSignature(string note, NoteVerifierKey witness)
    {
        var parsed = SignedNote.TryParse(note)!;
        return new SignedNote(parsed.Text, parsed.Signatures.Where(s => !witness.Claims(s)).ToList()).Format();
    }

    private static string CorruptSignature(string note, NoteVerifierKey witness)
    {
        var parsed = SignedNote.TryParse(note)!;
        var signatures = parsed
            .Signatures.Select(s => witness.Claims(s) ? s with { Signature = Flip(s.Signature) } : s)
            .ToList();
        return new SignedNote(parsed.Text, signatures).Format();
    }

    private static byte[] Flip(byte[] signature)
    {
        var copy = signature.ToArray();
        copy[^1] ^= 1;
        return copy;
    }
}
