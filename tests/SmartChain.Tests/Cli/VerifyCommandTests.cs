using System.Net.Http.Json;
using System.Text.Json;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

public sealed class VerifyCommandTests(OpenChainNode fixture) : IClassFixture<OpenChainNode>
{
    private string Url => fixture.Node.Url.ToString();

    [Fact]
    public async Task VerifyAcceptsOpenChainServedByRealNode()
    {
        var run = await CliRunner.RunAsync(["verify", "--url", Url, "--chain", "aka"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("aka", run.Line("chain"));
        Assert.Equal("4", run.Line("blocks"));
        Assert.Equal("3", run.Line("transactions"));
        Assert.Equal(fixture.HeadHash, run.Line("head"));
        Assert.Equal("OK", run.Line("result"));
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task VerifyReportsTransferAmountRewrittenByProxy()
    {
        // An honest header over dishonest transactions: 100 became 1000 in block 2 as served.
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            rewrite: (path, body) =>
                path.StartsWith("chains/aka/blocks", StringComparison.Ordinal)
                    ? body.Replace("\"amount_send\":\"100\"", "\"amount_send\":\"1000\"")
                    : body
        );

        var run = await CliRunner.RunAsync(["verify", "--url", proxy.Url.ToString(), "--chain", "aka"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("1", run.Line("blocks"));
        Assert.StartsWith("FAILED: block 2: merkle_root ", run.Line("result"), StringComparison.Ordinal);
        Assert.Contains(" does not match its transactions (computed ", run.Line("result"), StringComparison.Ordinal);
        Assert.StartsWith("error: verification failed: block 2: merkle_root", run.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyReportsBlockThatBelongsToAnotherChain()
    {
        // Asked for aka, the proxy serves the data chain's blocks (signed by data's BPSC key, naming chain data).
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            redirect: path =>
                path.StartsWith("chains/aka/blocks", StringComparison.Ordinal)
                    ? path.Replace("chains/aka/", "chains/data/")
                    : path
        );

        var run = await CliRunner.RunAsync(["verify", "--url", proxy.Url.ToString(), "--chain", "aka"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("0", run.Line("blocks"));
        Assert.Equal("FAILED: block 1: belongs to chain 'data', not 'aka'", run.Line("result"));
    }

    [Fact]
    public async Task VerifyReportsHeaderSignedByAnotherKey()
    {
        // The proxy announces the data chain's BPSC key for aka: every aka signature then fails.
        var dataKey = (await fixture.Node.Http.GetFromJsonAsync<JsonElement>("chains/data"))
            .GetProperty("bpsc_public_key")
            .GetString()!;
        var akaKey = (await fixture.Node.Http.GetFromJsonAsync<JsonElement>("chains/aka"))
            .GetProperty("bpsc_public_key")
            .GetString()!;
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            rewrite: (path, body) => path == "chains/aka" ? body.Replace(akaKey, dataKey) : body
        );

        var run = await CliRunner.RunAsync(["verify", "--url", proxy.Url.ToString(), "--chain", "aka"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("FAILED: block 1: signature is not valid for the pinned BPSC key", run.Line("result"));
    }

    [Fact]
    public async Task VerifyRefusesKeyOtherThanThePinnedOne()
    {
        var dataKey = (await fixture.Node.Http.GetFromJsonAsync<JsonElement>("chains/data"))
            .GetProperty("bpsc_public_key")
            .GetString()!;

        var run = await CliRunner.RunAsync(["verify", "--url", Url, "--chain", "aka", "--bpsc-key", dataKey]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("FAILED: the node announces BPSC key ", run.Line("result"), StringComparison.Ordinal);
        Assert.EndsWith($"not the pinned {dataKey}", run.Line("result"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyReportsChainShorterThanAnnounced()
    {
        // The last page is cut: block 4 is dropped and next says there is nothing more.
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            rewrite: (path, body) =>
            {
                if (!path.StartsWith("chains/aka/blocks", StringComparison.Ordinal))
                {
                    return body;
                }

                var page = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
                var blocks = page["blocks"]!.AsArray();
                blocks.RemoveAt(blocks.Count - 1);
                return page.ToJsonString();
            }
        );

        var run = await CliRunner.RunAsync(["verify", "--url", proxy.Url.ToString(), "--chain", "aka"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("3", run.Line("blocks"));
        Assert.Equal("FAILED: the node announces height 4 but served only 3 blocks", run.Line("result"));
    }

    [Fact]
    public async Task VerifyOfUnknownChainPrintsTheNodesProblem()
    {
        var run = await CliRunner.RunAsync(["verify", "--url", Url, "--chain", "gold"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Not found: no chain 'gold' on this node", run.ErrorLine);
        Assert.Equal("", run.Out);
    }
}
