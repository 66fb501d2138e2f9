using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Blocks;
using SmartChain.FunctionApp.Sync;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Sync;

/// <summary>
/// Hostile generators against what a replica parses from strangers: pages and blocks from a peer, and the URLs
/// <c>/nodes/register</c> takes. Garbage is refused in the parser's own words (or a 4xx), never anything else.
/// </summary>
public sealed class PeerInputProperties
{
    private const string Hash = "\"0000000000000000000000000000000000000000000000000000000000000000\"";

    private static readonly string[] HostileValues =
    [
        "null",
        "true",
        "0",
        "-1",
        "1e400",
        "-1e400",
        "1.5",
        "99999999999999999999999",
        "\"\"",
        "\"\\ud800\"",
        "\"\\udc00x\"",
        "[]",
        "{}",
        "[null]",
        "[1,2]",
        "[{}]",
        "[{},{}]",
        "[[]]",
        "{\"a\":1}",
        Hash,
        "\"aka\"",
        "\"😀\"",
        "\"a\\u0000b\"",
        "2147483648",
        "9223372036854775808",
        new string('[', 200) + new string(']', 200),
        "\"" + new string('x', 5000) + "\"",
    ];

    private static readonly string[] BlockKeys =
    [
        "chain",
        "index",
        "timestamp_ms",
        "previous_hash",
        "merkle_root",
        "tx_count",
        "hash",
        "signature",
        "transactions",
        "",
        "Index",
        "extra",
    ];

    private static readonly string ValidBlock =
        $"{{\"chain\":\"aka\",\"index\":2,\"timestamp_ms\":1,\"previous_hash\":{Hash},\"merkle_root\":{Hash},\"tx_count"
        + "\":1,"
        + $"\"hash\":{Hash},\"signature\":\"AAAA\",\"transactions\":[{{\"sender\":\"a\",\"amount\":\"1\"}}]}}";

    [Fact]
    public void HostilePagesAreRefusedInTheParsersOwnWords()
    {
        var property = Prop.ForAll(
            HostilePage().ToArbitrary(),
            page =>
            {
                try
                {
                    ReadPage(page, entryCap: 3);
                    return true.Label("read");
                }
                catch (Exception e) when (e is InvalidDataException or JsonException)
                {
                    return true.Label("refused");
                }
                catch (Exception e)
                {
                    return false.Label($"{e.GetType().Name}: {e.Message} for {page}");
                }
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void HostileBlocksAreRefusedAsValuesByBlockJson()
    {
        var property = Prop.ForAll(
            HostileBlock().ToArbitrary(),
            text =>
            {
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(text);
                }
                catch (JsonException)
                {
                    return true.Label("not JSON");
                }

                using (document)
                {
                    var block = BlockJson.TryRead(document.RootElement, out var error);
                    return (block is not null ^ error is not null).Label($"{error} for {text}");
                }
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2_000), property);
    }

    [Fact]
    public void BlockOverTheEntryCapIsRefusedWhileRead()
    {
        var entries = string.Join(",", Enumerable.Repeat("{\"sender\":\"a\"}", 4));
        var announced = $"{{\"blocks\":[{{\"tx_count\":4,\"transactions\":[{entries}]}}]}}";
        var unannounced = $"{{\"blocks\":[{{\"transactions\":[{entries}],\"tx_count\":1}}]}}";

        Assert.Contains(
            "tx_count 4 is over the chain's max_block_tx 3",
            Assert.Throws<InvalidDataException>(() => ReadPage(announced, 3)).Message
        );
        Assert.Contains(
            "more transactions than the chain's max_block_tx 3",
            Assert.Throws<InvalidDataException>(() => ReadPage(unannounced, 3)).Message
        );
        Assert.Equal(
            4,
            ReadPage(
                $"{{\"blocks\":[{ValidBlock.Replace("\"tx_count\":1", "\"tx_count\":4", StringComparison.Ordinal)}]}}",
                4
            )[0].Header.TxCount
        );
    }

    [Fact]
    public void HostileNodeUrlsAreRefusedAsValues()
    {
        var property = Prop.ForAll(
            HostileUrl().ToArbitrary(),
            text =>
            {
                var url = PeerRegistry.TryParseNode(text, out var error);
                return (
                    url is null
                        ? error is not null
                        : error is null
                            && url.Scheme is "http" or "https"
                            && url.AbsolutePath == "/"
                            && !url.Host.StartsWith("169.254.", StringComparison.Ordinal)
                ).Label($"{url} / {error} for {text}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3_000), property);
    }

    [Fact]
    public async Task HostileNodeUrlsNeverGetA5xx()
    {
        await using var node = new NodeApp();
        using var http = node.CreateClient();
        // Only well-formed Unicode here: lone surrogates in a body are the body parser's concern, not the URL's.
        var property = Prop.ForAll(
            HostileUrl()
                .Where(u => u.EnumerateRunes().All(r => r != Rune.ReplacementChar) && IsWellFormed(u))
                .ToArbitrary(),
            text =>
            {
                using var response = http.PostJsonAsync("/nodes/register", new { nodes = new[] { text } })
                    .GetAwaiter()
                    .GetResult();
                var status = (int)response.StatusCode;
                return (status is 201 or (>= 400 and < 500)).Label($"{status} for {text}");
            }
        );
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(150), property);
    }

    private static IReadOnlyList<Block> ReadPage(string page, int entryCap)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(page));
        return Task.Run(() => BlockPageReader.ReadAsync(stream, 1, entryCap, CancellationToken.None))
            .GetAwaiter()
            .GetResult();
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && (i + 1 == text.Length || !char.IsLowSurrogate(text[++i])))
            {
                return false;
            }

            if (char.IsLowSurrogate(text[i]) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Blocks whose fields take hostile values, in any order, repeated or missing; and a valid block cut or spliced.
    /// </summary>
    private static Gen<string> HostileBlock()
    {
        var field = Gen.Elements(BlockKeys)
            .SelectMany(key => Gen.Elements(HostileValues).Select(value => $"\"{key}\":{value}"));
        var objects = Gen.ListOf(field).Select(fields => "{" + string.Join(",", fields) + "}");
        var cut = Gen.Choose(0, ValidBlock.Length - 1).Select(n => ValidBlock[..n]);
        var spliced = Gen.Choose(0, ValidBlock.Length - 1)
            .SelectMany(n => Gen.Elements(HostileValues).Select(v => ValidBlock[..n] + v + ValidBlock[n..]));
        var replaced = Gen.Elements(BlockKeys)
            .SelectMany(key =>
                Gen.Elements(HostileValues)
                    .Select(v =>
                        System.Text.RegularExpressions.Regex.Replace(
                            ValidBlock,
                            $"\"{key}\":(\"[^\"]*\"|[^,\\[{{}}]+|\\[[^\\]]*\\])",
                            $"\"{key}\":{v}"
                        )
                    )
            );
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        return Gen.OneOf(objects, cut, spliced, replaced, replaced, text, Gen.Elements(HostileValues));
    }

    /// <summary>Pages of hostile blocks, pages whose <c>blocks</c> is anything, and hostile text.</summary>
    private static Gen<string> HostilePage()
    {
        var blocks = Gen.ListOf(Gen.OneOf(HostileBlock(), Gen.Constant(ValidBlock)))
            .Select(b => "{\"blocks\":[" + string.Join(",", b) + "]}");
        var anyBlocks = Gen.Elements(HostileValues).Select(v => "{\"blocks\":" + v + "}");
        var cut = blocks.SelectMany(page => Gen.Choose(0, page.Length).Select(n => page[..n]));
        return Gen.OneOf(blocks, blocks, anyBlocks, cut, HostileBlock());
    }

    /// <summary>
    /// URL-shaped strings built from hostile parts (schemes, hosts, ports, paths), plus arbitrary text.
    /// </summary>
    private static Gen<string> HostileUrl()
    {
        string[] schemes =
        [
            "http://",
            "https://",
            "ftp://",
            "file://",
            "HTTP://",
            "http:/",
            "http:",
            "",
            "javascript:",
            "http:\\\\",
        ];
        string[] hosts =
        [
            "127.0.0.1",
            "localhost",
            "169.254.169.254",
            "[fe80::1]",
            "[fe80::1%25eth0]",
            "[::1]",
            "[fd00:ec2::254]",
            "metadata.google.internal",
            "2852039166",
            "0xa9fea9fe",
            "0251.0376.0251.0376",
            "[::ffff:169.254.169.254]",
            "",
            "user:pw@host",
            "exa mple",
            "xn--",
            "\ud800",
            "ä.example",
            "a..b",
            new string('a', 300),
            "%00",
            "host%2F",
            "[",
            "]",
            "[::",
            "1.2.3.4.5",
            "😀",
        ];
        string[] ports = ["", ":0", ":80", ":5000", ":65535", ":65536", ":-1", ":abc", ":", ":99999999999"];
        string[] tails = ["", "/", "/x", "?a=1", "#f", "/../", "//", " ", "\u0000", "\ud800"];
        var built = Gen.Elements(schemes)
            .SelectMany(s =>
                Gen.Elements(hosts)
                    .SelectMany(h =>
                        Gen.Elements(ports).SelectMany(p => Gen.Elements(tails).Select(t => s + h + p + t))
                    )
            );
        var text = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null);
        return Gen.OneOf(built, built, built, text);
    }
}
