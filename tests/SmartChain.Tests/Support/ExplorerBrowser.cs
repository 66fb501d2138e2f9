using Microsoft.Playwright;

namespace SmartChain.Tests.Support;

/// <summary>
/// A real node process on the test Azurite (manual forging, so tests decide when blocks come) and Debian's Chromium
/// driven headless by Playwright — never a browser Playwright downloads: <c>./test.sh</c> installs the system one.
/// Shared by the explorer's browser tests, which run one at a time with the other process tests.
/// </summary>
public sealed class ExplorerBrowser : IAsyncLifetime
{
    public const int Phone = 390;
    public const int Desktop = 1440;

    private IPlaywright _playwright = null!;

    public NodeProcess Node { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public HttpClient Admin { get; } = new();

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("SMARTCHAIN_CHROMIUM") ?? "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new FileNotFoundException(
                "the explorer's browser tests drive Debian's Chromium: apt-get install -y chromium (./test.sh does)",
                ChromiumPath
            );
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Node = await NodeProcess.StartAsync(
            TestStorage.UniquePrefix(),
            env: new Dictionary<string, string> { ["SMARTCHAIN_MANUAL"] = "true" }
        );
        Admin.BaseAddress = Node.Url;
        Admin.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(
            new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            }
        );
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>
    /// A fresh page of the given width whose script errors and refused loads are collected in
    /// <paramref name="problems"/>.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width, List<string> problems)
    {
        var context = await Browser.NewContextAsync(
            new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = 900 },
            }
        );
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        page.PageError += (_, error) =>
        {
            lock (problems)
            {
                problems.Add($"page error: {error}");
            }
        };
        page.Console += (_, message) =>
        {
            // A refused request's "Failed to load resource" line is the network's, not a script error; tests that
            // expect a 404 see it in the page itself.
            if (
                message.Type == "error"
                && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)
            )
            {
                lock (problems)
                {
                    problems.Add($"console error: {message.Text}");
                }
            }
        };
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright.Dispose();
        Admin.Dispose();
        await Node.DisposeAsync();
    }
}
