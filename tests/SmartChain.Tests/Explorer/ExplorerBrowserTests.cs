using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SmartChain.Domain.Log;
using SmartChain.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace SmartChain.Tests.Explorer;

/// <summary>
/// The block explorer in headless Chromium against a real node on Azurite: every view, live blocks, search, paging,
/// verification (and its refusal of a tampered block), keyboard use, surfaced errors, phone and desktop widths.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class ExplorerBrowserTests(ExplorerBrowser browser) : IClassFixture<ExplorerBrowser>, IDisposable
{
    private readonly List<string> _problems = [];
    private readonly TestWallet _issuer = new();
    private readonly TestWallet _alice = new();
    private readonly TestWallet _bob = new();

    private HttpClient Http => browser.Node.Http;

    private string Url(string path) => new Uri(browser.Node.Url, path).ToString();

    public void Dispose()
    {
        _issuer.Dispose();
        _alice.Dispose();
        _bob.Dispose();
    }

    [Fact]
    public async Task HomeShowsEveryChainWithKindModeHeightProducerAndChart()
    {
        var ledger = await LedgerChain.CreateAsync(browser.Admin, _issuer, [(_alice.Address, "100")]);
        await ForgeAsync("aka");
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url("/"));

        var chains = (await Http.GetFromJsonAsync<JsonElement>("/chains"))
            .GetProperty("chains")
            .EnumerateArray()
            .ToList();
        foreach (var chain in chains)
        {
            var id = chain.GetProperty("id").GetString()!;
            var row = page.Locator("table.chains tbody tr")
                .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = id, Exact = true }) });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(chain.GetProperty("kind").GetString()!);
            await Expect(row.Locator("td").Nth(2))
                .ToHaveTextAsync(
                    chain.GetProperty("height").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture)
                );
            await Expect(row.Locator("td").Nth(3)).ToContainTextAsync("ago");
            await Expect(row.Locator("td").Nth(4)).ToHaveTextAsync("this node (BPSC)");
            await Expect(row.Locator("svg[role=img]"))
                .ToHaveAttributeAsync("aria-label", new Regex("^Transactions per block, last \\d+ blocks of " + id));
        }

        await Expect(page.Locator("table.chains tbody tr").Filter(new() { HasText = ledger }))
            .ToContainTextAsync("ledger");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task ChainViewListsBlocksNewestFirstVerifiedAndPagesToOlderOnes()
    {
        var chain = await LedgerChain.CreateAsync(browser.Admin, _issuer, [(_alice.Address, "100")]);
        for (var i = 0; i < 24; i++)
        {
            await ForgeAsync(chain);
        }

        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url($"/explorer/{chain}"));
        var rows = page.Locator("table.blocks tbody tr");
        await Expect(rows).ToHaveCountAsync(20);
        Assert.Equal(
            Enumerable
                .Range(6, 20)
                .Reverse()
                .Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.index)")
        );
        await Expect(page.Locator("table.blocks td.verify").Filter(new() { HasText = "verified" }))
            .ToHaveCountAsync(20);
        await Expect(page.Locator("table.blocks td.verify").Filter(new() { HasText = "NOT" })).ToHaveCountAsync(0);
        await Expect(page.Locator("figure.chart svg")).ToHaveCountAsync(2);
        await Expect(page.Locator("figure.chart").Nth(1)).ToContainTextAsync("Block interval");

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/explorer/{chain}\\?before=5$"));
        await Expect(rows).ToHaveCountAsync(5);
        Assert.Equal(
            ["5", "4", "3", "2", "1"],
            await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.index)")
        );
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        await Expect(page.Locator(".live")).ToHaveTextAsync("not live (an older page)");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task NewBlocksAppearLiveOnceOverServerSentEvents()
    {
        var chain = await LedgerChain.CreateAsync(browser.Admin, _issuer, [(_alice.Address, "100")]);
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url($"/explorer/{chain}"));
        await Expect(page.Locator(".live")).ToHaveTextAsync("live: server-sent events");

        await ForgeAsync(chain);
        await Expect(page.Locator("table.blocks tbody tr[data-index='2']")).ToHaveCountAsync(1);

        // Three at once: each appears exactly once, in order, none skipped.
        for (var i = 0; i < 3; i++)
        {
            await ForgeAsync(chain);
        }

        await Expect(page.Locator("table.blocks tbody tr[data-index='5']")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(1500); // a late duplicate would show by now
        Assert.Equal(
            ["5", "4", "3", "2", "1"],
            await page.Locator("table.blocks tbody tr")
                .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.index)")
        );
        await Expect(page.Locator("#height")).ToHaveTextAsync("5");
        await Expect(page.Locator("table.blocks td.verify").Filter(new() { HasText = "verified" })).ToHaveCountAsync(5);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task NewBlocksAppearLiveOnceByPollingWhereTheHostHasNoEventStream()
    {
        var chain = await LedgerChain.CreateAsync(browser.Admin, _issuer, [(_alice.Address, "100")]);

        // In front of the node, a proxy whose host streams nothing (as a host that buffers responses): events are 404.
        await using var proxy = await RewritingProxy.StartAsync(
            browser.Node.Url,
            redirect: asked => asked.EndsWith("/events", StringComparison.Ordinal) ? "no-events-here" : asked
        );
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(new Uri(proxy.Url, $"explorer/{chain}").ToString());
        await Expect(page.Locator(".live")).ToHaveTextAsync("live: polling every 2 s (If-None-Match)");

        await ForgeAsync(chain);
        await ForgeAsync(chain);
        await Expect(page.Locator("table.blocks tbody tr[data-index='3']")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(4500); // two more polls: a duplicate would show by now
        Assert.Equal(
            ["3", "2", "1"],
            await page.Locator("table.blocks tbody tr")
                .EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.index)")
        );
        Assert.Empty(_problems); // the refused event stream is a network line, not a script error
    }

    [Fact]
    public async Task BlockViewVerifiesHashSignatureAndMerkleRootAndListsEntries()
    {
        var (chain, ids) = await LedgerWithTransfersAsync(3);
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url($"/explorer/{chain}/blocks/2"));

        await Expect(Check(page, "Block hash")).ToHaveTextAsync("verified");
        await Expect(Check(page, "BPSC signature")).ToHaveTextAsync("verified");
        await Expect(Check(page, "Merkle root")).ToHaveTextAsync("verified");
        // The chain's checkpoint: its Ed25519 log signature verified in the browser (WebCrypto), size and root shown.
        var note = await Http.GetStringAsync($"/chains/{chain}/checkpoint");
        var signed = Checkpoint.TryParse(SignedNote.TryParse(note)!.Text)!;
        await Expect(Check(page, "Checkpoint"))
            .ToHaveTextAsync(
                $"verified: size {signed.Size}, root {Convert.ToBase64String(signed.RootHash)}, signed by "
                    + $"{signed.Origin}"
            );
        var block = await Http.GetFromJsonAsync<JsonElement>($"/chains/{chain}/blocks/2");
        await Expect(page.Locator(".facts")).ToContainTextAsync(block.GetProperty("merkle_root").GetString()!);
        await Expect(page.Locator(".facts")).ToContainTextAsync(block.GetProperty("signature").GetString()!);
        await Expect(page.Locator("table.entries tbody tr")).ToHaveCountAsync(3);
        foreach (var id in ids)
        {
            await Expect(page.Locator($"table.entries a[href$='/transactions/{id}']")).ToHaveCountAsync(1);
        }

        Assert.Empty(_problems);
    }

    [Theory]
    [InlineData(TamperKind.Amount, "Merkle root", "NOT verified: the entries hash to Merkle root")]
    [InlineData(TamperKind.HeaderField, "Block hash", "NOT verified: the header hashes to")]
    [InlineData(
        TamperKind.Signature,
        "BPSC signature",
        "NOT verified: the signature does not match the header under the chain's BPSC key"
    )]
    public async Task TamperedBlockIsShownAsNotVerifiedWithTheReason(TamperKind kind, string check, string reason)
    {
        var (chain, _) = await LedgerWithTransfersAsync(2);
        await using var proxy = await RewritingProxy.StartAsync(
            browser.Node.Url,
            rewrite: (asked, answer) =>
            {
                if (asked != $"chains/{chain}/blocks/2")
                {
                    return answer;
                }

                var block = JsonNode.Parse(answer)!.AsObject();
                BlockTampering.Apply(kind, block);
                return block.ToJsonString();
            }
        );
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(new Uri(proxy.Url, $"explorer/{chain}/blocks/2").ToString());

        await Expect(Check(page, check)).ToContainTextAsync(reason);
        await Expect(page.Locator(".verdict.bad")).Not.ToHaveCountAsync(0);

        // The honest node, asked directly, verifies the same block.
        var honest = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await honest.GotoAsync(Url($"/explorer/{chain}/blocks/2"));
        await Expect(Check(honest, check)).ToHaveTextAsync("verified");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task TransactionViewFollowsPendingToIncludedAndVerifiesTheProof()
    {
        var chain = await LedgerChain.CreateAsync(browser.Admin, _issuer, [(_alice.Address, "100")]);
        var request = _alice.Transfer(chain, _bob.Address, "7", 0);
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await Http.PostAsJsonAsync($"/chains/{chain}/transactions", request)).StatusCode
        );
        var id = TestWallet.IdOf(request);

        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url($"/explorer/{chain}/transactions/{id}"));
        await Expect(page.Locator(".status strong")).ToHaveTextAsync("pending");

        await ForgeAsync(chain);
        await Expect(page.Locator(".status strong")).ToHaveTextAsync("included");
        await Expect(Check(page, "Inclusion proof")).ToHaveTextAsync("verified");
        await Expect(Check(page, "Block hash")).ToHaveTextAsync("verified");
        await Expect(Check(page, "BPSC signature")).ToHaveTextAsync("verified");
        await Expect(page.Locator(".facts")).ToContainTextAsync("leaf 0 of 1");
        await Expect(page.Locator(".facts a[href$='/blocks/2']")).ToHaveCountAsync(1);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task AccountViewShowsBalancesAndPagesItsHistoryNewestFirst()
    {
        var (chain, ids) = await LedgerWithTransfersAsync(52);

        // One more, still pending: reserved, and not yet in the history.
        var pending = _alice.Transfer(chain, _bob.Address, "2", 52);
        Assert.Equal(
            HttpStatusCode.Accepted,
            (await Http.PostAsJsonAsync($"/chains/{chain}/transactions", pending)).StatusCode
        );
        var account = await LedgerChain.AccountAsync(Http, chain, _alice.Address);

        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url($"/explorer/{chain}/accounts/{_alice.Address}"));
        var facts = page.Locator(".facts");
        await Expect(facts.Locator("dd").Nth(0)).ToHaveTextAsync(account.GetProperty("balance").GetString()!);
        await Expect(facts.Locator("dd").Nth(1)).ToHaveTextAsync("2");
        await Expect(facts.Locator("dd").Nth(2)).ToHaveTextAsync(Spendable(account));
        await Expect(facts.Locator("dd").Nth(3)).ToHaveTextAsync("53");

        var rows = page.Locator("table.history tbody tr");
        await Expect(rows).ToHaveCountAsync(50);
        await Expect(rows.First).ToContainTextAsync(ids[^1][..8]);
        await Expect(rows.First).ToContainTextAsync("sent");

        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("\\?cursor="));
        await Expect(rows).ToHaveCountAsync(3); // the two oldest transfers and the genesis mint
        await Expect(rows.Last).ToContainTextAsync("genesis-0");
        await Expect(rows.Last).ToContainTextAsync("received");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Older" })).ToHaveCountAsync(0);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task SearchFindsABlockATransactionAndAnAddress()
    {
        var (chain, ids) = await LedgerWithTransfersAsync(1);
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);

        await SearchAsync(page, chain, "2");
        await Expect(page).ToHaveURLAsync(new Regex($"/explorer/{chain}/blocks/2$"));

        await SearchAsync(page, "", ids[0]);
        await Expect(page).ToHaveURLAsync(new Regex($"/explorer/{chain}/transactions/{ids[0]}$"));
        await Expect(page.Locator(".status strong")).ToHaveTextAsync("included");

        await SearchAsync(page, chain, _bob.Address);
        await Expect(page).ToHaveURLAsync(new Regex($"/explorer/{chain}/accounts/{_bob.Address}$"));

        await SearchAsync(page, chain, "no-such-thing");
        await Expect(page.Locator(".nothing")).ToContainTextAsync("Nothing matches");
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task KeyboardAloneSearchesAndEveryControlIsLabelled()
    {
        await ForgeAsync("aka");
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url("/"));
        await Expect(page.Locator("table.chains")).ToBeVisibleAsync();

        // Tab order: skip link, home link, chain select, search box.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to content");
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("id", "search-q");
        await page.Keyboard.TypeAsync("1");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search" })).ToBeVisibleAsync();
        await Expect(page.Locator(".results a").Filter(new() { HasText = "Block #1 of aka" })).ToHaveCountAsync(1);

        await Expect(page.GetByLabel("Block index, transaction id or address")).ToHaveCountAsync(1);
        await Expect(page.GetByLabel("Chain to search")).ToHaveCountAsync(1);
        Assert.Empty(_problems);
    }

    [Fact]
    public async Task JavaScriptErrorsAreShownInThePageNotSwallowed()
    {
        var page = await browser.NewPageAsync(ExplorerBrowser.Desktop, _problems);
        await page.GotoAsync(Url("/explorer/nosuchchain"));
        await Expect(page.Locator("#errors")).ToBeVisibleAsync();
        await Expect(page.Locator("#errors")).ToContainTextAsync("404 Not found: no chain 'nosuchchain' on this node");

        await page.GotoAsync(Url("/"));
        await Expect(page.Locator("table.chains")).ToBeVisibleAsync();
        await Expect(page.Locator("#errors")).ToBeHiddenAsync();
        await page.EvaluateAsync("() => { setTimeout(() => { throw new Error('a bug in the page'); }); }");
        await Expect(page.Locator("#errors")).ToContainTextAsync("a bug in the page");
        await page.EvaluateAsync("() => { Promise.reject(new Error('a rejected promise')); }");
        await Expect(page.Locator("#errors")).ToContainTextAsync("a rejected promise");
    }

    [Theory]
    [InlineData(ExplorerBrowser.Phone)]
    [InlineData(ExplorerBrowser.Desktop)]
    public async Task MainViewsFitTheScreenWidthAndAreScreenshotted(int width)
    {
        var (chain, ids) = await LedgerWithTransfersAsync(3);
        for (var i = 0; i < 6; i++)
        {
            var request = _bob.Transfer(
                chain,
                _alice.Address,
                (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                i
            );
            await Http.PostAsJsonAsync($"/chains/{chain}/transactions", request);
            await ForgeAsync(chain);
        }

        // SMARTCHAIN_EXPLORER_SCREENSHOTS (scripts/explorer-screenshots.sh) keeps them for docs/explorer.md.
        var folder =
            Environment.GetEnvironmentVariable("SMARTCHAIN_EXPLORER_SCREENSHOTS")
            ?? Directory.CreateTempSubdirectory("explorer-shots").FullName;
        Directory.CreateDirectory(folder);
        var device = width == ExplorerBrowser.Phone ? "phone" : "desktop";
        var views = new (string Name, string Path, string Ready)[]
        {
            ("home", "/", "table.chains"),
            ("chain", $"/explorer/{chain}", "table.blocks td.verify >> text=verified"),
            ("block", $"/explorer/{chain}/blocks/2", ".verdict.ok"),
            ("transaction", $"/explorer/{chain}/transactions/{ids[0]}", ".verdict.ok"),
            ("account", $"/explorer/{chain}/accounts/{_alice.Address}", "table.history"),
        };
        var page = await browser.NewPageAsync(width, _problems);
        foreach (var (name, path, ready) in views)
        {
            await page.GotoAsync(Url(path));
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{name} at {width} px is {scrollWidth} px wide: it scrolls sideways");
            var file = Path.Combine(folder, $"{name}-{device}.png");
            await page.ScreenshotAsync(
                new PageScreenshotOptions { Path = file, FullPage = name != "chain" || width == ExplorerBrowser.Phone }
            );
            Assert.True(new FileInfo(file).Length > 5_000, $"{file} is nearly empty");
        }

        Assert.Empty(_problems);
    }

    private static ILocator Check(IPage page, string name) =>
        page.Locator($".verdict[data-check='{name}'] .verdict-text");

    private static string Spendable(JsonElement account) =>
        (
            decimal.Parse(
                account.GetProperty("balance").GetString()!,
                System.Globalization.CultureInfo.InvariantCulture
            )
            - decimal.Parse(
                account.GetProperty("reserved").GetString()!,
                System.Globalization.CultureInfo.InvariantCulture
            )
        ).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task SearchAsync(IPage page, string chain, string query)
    {
        if (page.Url == "about:blank")
        {
            await page.GotoAsync(Url("/"));
        }

        await Expect(page.Locator("#search-chain option")).Not.ToHaveCountAsync(1);
        await page.Locator("#search-chain").SelectOptionAsync(chain);
        await page.Locator("#search-q").FillAsync(query);
        await page.Locator("#search-q").PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    private async Task ForgeAsync(string chain)
    {
        var response = await browser.Admin.PostAsync($"/chains/{chain}/forge", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A ledger chain with <paramref name="count"/> transfers from Alice to Bob forged into block 2 (and later ones
    /// past 50 a block).
    /// </summary>
    private async Task<(string Chain, List<string> Ids)> LedgerWithTransfersAsync(int count)
    {
        var chain = await LedgerChain.CreateAsync(
            browser.Admin,
            _issuer,
            [(_alice.Address, "1000"), (_bob.Address, "1000")]
        );
        var ids = new List<string>();
        for (var nonce = 0; nonce < count; nonce++)
        {
            var request = _alice.Transfer(chain, _bob.Address, "1", nonce);
            Assert.Equal(
                HttpStatusCode.Accepted,
                (await Http.PostAsJsonAsync($"/chains/{chain}/transactions", request)).StatusCode
            );
            ids.Add(TestWallet.IdOf(request));
        }

        await ForgeAsync(chain);
        return (chain, ids);
    }
}
