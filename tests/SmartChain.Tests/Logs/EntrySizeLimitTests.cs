using System.Net;
using System.Text;
using SmartChain.Domain.Log;
using SmartChain.Domain.Transactions;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Logs;

/// <summary>
/// SPEC §12: a log entry is at most 65,535 bytes (an entry bundle's uint16 length), and larger ones are refused on
/// input. The body limit is not what guarantees it — SMARTCHAIN_MAX_BODY_BYTES may be raised — the entry rules are: a
/// record's information is at most 16 KiB as canonical JSON and every transfer field is bounded, so the largest
/// entry of any kind fits, and an over-large one is a 4xx problem with nothing stored, whatever the body limit.
/// </summary>
public sealed class EntrySizeLimitTests
{
    [Fact]
    public async Task EntriesOverTheBundleLimitAreRefusedEvenWithABodyLimitRaisedPastIt()
    {
        await using var node = new NodeApp(
            settings: new Dictionary<string, string?> { ["SMARTCHAIN_MAX_BODY_BYTES"] = "1000000" }
        );
        var http = node.CreateClient();
        var info = await http.GetJsonAsync("/chains/data");
        var vkey = NoteVerifierKey.TryParse(info.GetProperty("log_verifier_key").GetString())!;
        var before = await LogApiTests.CheckpointAsync(http, vkey);

        // 70,000 bytes of information, and 12,000 control characters that canonical JSON escapes to 72,000 bytes.
        foreach (var information in new[] { new string('i', 70_000), new string('\u0001', 12_000) })
        {
            using var refused = await http.PostJsonAsync("/information/new", new { information });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
            var detail = (await refused.JsonAsync()).GetProperty("detail").GetString();
            Assert.Contains($"at most {DataRecord.MaxInformationBytes} bytes", detail, StringComparison.Ordinal);
        }

        using var longSender = await http.PostJsonAsync(
            "/transactions/new",
            new
            {
                sender = new string('s', 70_000),
                amount = 1,
                recipient = "b",
            }
        );
        Assert.Equal(HttpStatusCode.BadRequest, longSender.StatusCode);

        // Nothing was stored: the next block is empty and the log did not grow.
        await http.GetJsonAsync("/mine");
        Assert.Equal(before.Size, (await LogApiTests.CheckpointAsync(http, vkey)).Size);

        // The largest record there can be is logged and served in its entry bundle, well inside the limit.
        var largest = new string('x', DataRecord.MaxInformationBytes - 2); // the quotes make it exactly the limit
        using var accepted = await http.PostJsonAsync("/information/new", new { information = largest });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        await http.GetJsonAsync("/mine");
        var after = await LogApiTests.CheckpointAsync(http, vkey);
        Assert.Equal(before.Size + 1, after.Size);
        var tile = TileId.At(TileId.EntriesLevel, (after.Size - 1) / TileId.FullWidth, after.Size);
        var bundle = EntryBundle.TryDecode(await http.GetByteArrayAsync($"/chains/data/{tile.Path}"))!;
        var entry = Encoding.UTF8.GetString(bundle[^1]);
        Assert.Contains(largest, entry, StringComparison.Ordinal);
        Assert.True(bundle[^1].Length < EntryBundle.MaxEntrySize);
    }
}
