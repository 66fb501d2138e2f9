using System.Net;
using System.Text;
using Azure;
using Azure.Data.Tables;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Log;
using SmartChain.Domain.Merkle;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Cli;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Logs;

/// <summary>
/// Issue 13 step 6, end to end: an attacker with the BPSC's storage and keys rewrites the chain's history behind the
/// running BPSC's back — block 3 replaced by another of the same size, a block 4 added, both signed with the BPSC's
/// own block key, the tiles rebuilt — so the BPSC serves a forked, validly signed checkpoint. The two witnesses
/// refuse to cosign it (409 / 422 as tlog-witness says), the CLI with a quorum refuses it (and, without a quorum,
/// refuses it as a fork of the checkpoint it accepted before), and the replicas refuse the forked blocks.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class SplitViewTests
{
    private const string Chain = "aka";
    private static readonly ChainId ChainKey = ChainId.Parse(Chain);
    private static readonly IFormatProvider Invariant = System.Globalization.CultureInfo.InvariantCulture;

    [Fact]
    public async Task ForkedHistoryReSignedWithTheBpscKeysIsRefusedByWitnessesClientsAndReplicas()
    {
        await using var nodes = await WitnessedNodes.StartAsync(2);
        await nodes.ForgeAsync(3);
        await nodes.ForgeAsync(2);
        var honest = await nodes.CosignedByAllAsync();
        var honestCheckpoint = Checkpoint.TryParse(SignedNote.TryParse(honest)!.Text)!;
        var size = honestCheckpoint.Size;
        foreach (var witness in nodes.Witnesses)
        {
            await Eventually.ReturnsAsync(
                () => witness.Http.HeightAsync(Chain),
                h => h == 3,
                TimeSpan.FromSeconds(30),
                "the replica holding blocks 1-3"
            );
        }

        // A wallet accepts the honest checkpoint before the attack.
        using var wallet = new TempDirectory();
        string[] witnessArgs = [.. nodes.WitnessKeys.SelectMany(k => new[] { "--witness", k.Text })];
        string[] checkpoint = ["checkpoint", "--url", nodes.Url, "--chain", Chain];
        var before = await QuorumCliTests.RunAsync(wallet, [.. checkpoint, .. witnessArgs]);
        Assert.True(before.ExitCode == 0, before.ToString());

        // The attack: the keys from where the node keeps them, then a second history in the node's own tables.
        var tables = new Tables(
            new NodeSettings { TablePrefix = nodes.Bpsc.Prefix, Storage = TestStorage.ConnectionString }
        );
        var chainRow = (await tables.Chains.GetEntityAsync<TableEntity>("chain", Chain)).Value;
        using var blockKey = SigningKey.FromPkcs8(Convert.FromBase64String(chainRow.GetString("PrivateKey")));
        using var logKey = Ed25519Key.FromSeed(Convert.FromBase64String(chainRow.GetString("LogKey")));
        var logSigner = new NoteSigner(nodes.LogKey.Name, logKey);
        Assert.Equal(nodes.LogKey.Text, logSigner.VerifierKey.Text);
        var forked = await ForkAsync(tables, blockKey);
        Assert.Equal(size, forked.SizeAtBlock3);
        Assert.NotEqual(honestCheckpoint.RootHash, forked.RootAtBlock3);

        // The BPSC now serves the forked checkpoint: longer, signed by its log key, and nobody's cosignature.
        var servedNote = await nodes.Bpsc.Http.GetStringAsync($"/chains/{Chain}/checkpoint");
        var served = SignedNote.TryParse(servedNote)!;
        var fork = Checkpoint.TryParse(served.Text)!;
        Assert.Equal(forked.Size, fork.Size);
        Assert.True(fork.Size > size);
        Assert.Equal(NoteCheck.Verified, served.Verify([nodes.LogKey]).Check);
        Assert.Equal(new SignedNote(fork.Text, [logSigner.Sign(fork.Text)]).Format(), servedNote);

        // The witnesses refuse it, as the protocol says: 409 without the proof from what they recorded, 422 with the
        // node's (forked) consistency proof, and 422 for the forked root at the very size they cosigned.
        var proof = (
            await nodes.Bpsc.Http.GetJsonAsync($"/chains/{Chain}/proof/consistency?from={size}&to={fork.Size}")
        )
            .GetProperty("hashes")
            .EnumerateArray()
            .Select(h => h.GetString() + "\n")
            .ToList();
        var sameSize = Checkpoint.Create(fork.Origin, size, forked.RootAtBlock3);
        var sameSizeNote = new SignedNote(sameSize.Text, [logSigner.Sign(sameSize.Text)]).Format();
        foreach (var witness in nodes.Witnesses)
        {
            var stale = await AddCheckpointAsync(witness, $"old 0\n\n{servedNote}");
            Assert.Equal(HttpStatusCode.Conflict, stale.Status);
            Assert.Equal($"{size}\n", stale.Body);
            var extended = await AddCheckpointAsync(witness, $"old {size}\n{string.Concat(proof)}\n{servedNote}");
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "the consistency proof does not verify\n"), extended);
            var replaced = await AddCheckpointAsync(witness, $"old {size}\n\n{sameSizeNote}");
            Assert.Equal((HttpStatusCode.UnprocessableEntity, "another root for the recorded size\n"), replaced);
        }

        // The BPSC's own submissions got nothing either: it serves the fork with its signature alone.
        var stillServed = await nodes.Bpsc.Http.GetStringAsync($"/chains/{Chain}/checkpoint");
        Assert.Single(SignedNote.TryParse(stillServed)!.Signatures);

        // A client with a quorum refuses the forked checkpoint; one without, by its consistency with the kept one.
        using var fresh = new TempDirectory();
        var quorum = await QuorumCliTests.RunAsync(fresh, [.. checkpoint, .. witnessArgs]);
        Assert.Equal(1, quorum.ExitCode);
        Assert.Equal(
            "error: only 0 of the 2 required witness cosignatures verify on the checkpoint of size "
                + $"{fork.Size}; missing: witness.example/w1, witness.example/w2",
            quorum.ErrorLine
        );
        var kept = await QuorumCliTests.RunAsync(wallet, checkpoint);
        Assert.Equal(1, kept.ExitCode);
        Assert.Equal(
            $"error: fork refused: the checkpoint of size {fork.Size} does not extend the one of size {size} "
                + "this wallet accepted (the consistency proof does not verify)",
            kept.ErrorLine
        );
        var verify = await QuorumCliTests.RunAsync(fresh, ["verify", .. checkpoint[1..], .. witnessArgs]);
        Assert.Equal(1, verify.ExitCode);
        Assert.StartsWith("error: only 0 of the 2 required", verify.ErrorLine, StringComparison.Ordinal);

        // The replicas refuse the forked blocks: block 4 does not follow the block 3 they verified.
        foreach (var witness in nodes.Witnesses)
        {
            var answer = await witness.Http.GetJsonAsync("/smart/chain");
            Assert.Equal(
                $"Unsuccessful: block 4: previous_hash {forked.Block4PreviousHash} does not match "
                    + $"block 3's hash {forked.HonestBlock3Hash}",
                answer.GetProperty("message").GetString()
            );
            Assert.Equal(3, await witness.Http.HeightAsync(Chain));
            var mirrored = await witness.Http.GetStringAsync($"/chains/{Chain}/checkpoint");
            Assert.Equal(honestCheckpoint.Text, SignedNote.TryParse(mirrored)!.Text);
        }
    }

    private sealed record Fork(
        long SizeAtBlock3,
        byte[] RootAtBlock3,
        long Size,
        string HonestBlock3Hash,
        string Block4PreviousHash
    );

    /// <summary>
    /// Replaces block 3 with one of as many entries (the same entries paid to someone else) and adds a block 4, both
    /// signed with the stolen key, committed through the node's own block store so tiles and head are rebuilt exactly
    /// as the node builds them. The honest block 3's header, tiles and end row are removed first, and the head put
    /// back on block 2.
    /// </summary>
    private static async Task<Fork> ForkAsync(Tables tables, SigningKey key)
    {
        var blocks = new BlockStore(tables);
        var block2 = (await blocks.ReadBlockAsync(ChainKey, 2, CancellationToken.None))!;
        var block3 = (await blocks.ReadBlockAsync(ChainKey, 3, CancellationToken.None))!;
        var header2 = (await tables.Blocks.GetEntityAsync<TableEntity>(Chain, BlockStore.RowKey(2))).Value;
        var size2 = header2.GetInt64("LogSize")!.Value;
        var root2 = (await blocks.Tiles.HashesAsync(ChainKey, [new(0, size2)], size2, CancellationToken.None))[0];

        var stale = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, new TableEntity(Chain, BlockStore.RowKey(3)), ETag.All),
        };
        await foreach (var row in tables.Blocks.QueryAsync<TableEntity>(r => r.PartitionKey == Chain))
        {
            var tile = row.RowKey.StartsWith('t') ? ParseTileRow(row.RowKey) : null;
            var ends = row.RowKey.StartsWith('e') ? long.Parse(row.RowKey[1..], Invariant) : 0;
            var pastSize2 =
                tile is { } t && (t.Index * TileId.FullWidth) + t.Width > TileId.HashesAtLevel(t.Level, size2);
            if (pastSize2 || ends > size2)
            {
                stale.Add(new(TableTransactionActionType.Delete, row, ETag.All));
            }
        }

        var head = (await tables.Blocks.GetEntityAsync<TableEntity>(Chain, "head")).Value;
        head["Height"] = 2L;
        head["Hash"] = block2.Hash;
        head["LogSize"] = size2;
        head["LogRoot"] = root2;
        stale.Add(new(TableTransactionActionType.UpdateReplace, head, head.ETag));
        await tables.Blocks.SubmitTransactionAsync(stale);

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var forged3 = BlockForger.Forge(Chain, 3, block2.Hash, now, Redirect(block3.Transactions, "mallory"), key);
        var atBlock2 = await blocks.ReadHeadAsync(ChainKey, CancellationToken.None);
        var at3 = (await blocks.CommitAsync(forged3, atBlock2, null, followUpDone: true, CancellationToken.None))!;
        var forged4 = BlockForger.Forge(Chain, 4, forged3.Hash, now + 1, Redirect(block2.Transactions, "trudy"), key);
        var at4 = (await blocks.CommitAsync(forged4, at3, null, followUpDone: true, CancellationToken.None))!;
        return new Fork(at3.LogSize!.Value, at3.LogRoot!, at4.LogSize!.Value, block3.Hash, forged3.Hash);
    }

    private static List<string> Redirect(IReadOnlyList<string> entries, string recipient) =>
        entries
            .Select(e => e.Replace("\"recipient\":\"bob\"", $"\"recipient\":\"{recipient}\"", StringComparison.Ordinal))
            .ToList();

    /// <summary>t{LL}-{N:15}-{WWW} (docs/storage.md) as a tile.</summary>
    private static TileId? ParseTileRow(string rowKey)
    {
        var parts = rowKey[1..].Split('-');
        return parts.Length == 3
            ? new TileId(
                int.Parse(parts[0], Invariant),
                long.Parse(parts[1], Invariant),
                int.Parse(parts[2], Invariant)
            )
            : null;
    }

    private static async Task<(HttpStatusCode Status, string Body)> AddCheckpointAsync(NodeProcess witness, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        using var response = await witness.Http.PostAsync("/witness/add-checkpoint", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
