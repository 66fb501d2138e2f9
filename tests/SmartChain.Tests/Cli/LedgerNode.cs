using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

/// <summary>
/// A real node process for the CLI's ledger tests; each test creates its own chain on it through the CLI.
/// </summary>
public sealed class LedgerNode : IAsyncLifetime
{
    public NodeProcess Node { get; private set; } = null!;

    public string Url => Node.Url.ToString();

    public async Task InitializeAsync() => Node = await NodeProcess.StartAsync(TestStorage.UniquePrefix());

    public async Task DisposeAsync() => await Node.DisposeAsync();

    /// <summary>
    /// Two fresh wallets and a ledger chain (6 decimals, fee 0.00005) whose issuer is alice and whose genesis
    /// gives alice 1000, created with <c>smartchain chain create</c>: a block per transaction, or with
    /// <paramref name="manual"/> no policy at all, so nothing is forged unless asked.
    /// </summary>
    public async Task<LedgerSetup> CreateChainAsync(bool manual = false)
    {
        var dir = new TempDirectory();
        var alice = await CliRunner.RunAsync(["wallet", "new", "--wallet", dir.File("alice.json")]);
        var bob = await CliRunner.RunAsync(["wallet", "new", "--wallet", dir.File("bob.json")]);
        var chain = "c" + Guid.NewGuid().ToString("N")[..10];
        var created = await CliRunner.RunAsync(
            [
                "chain",
                "create",
                "--id",
                chain,
                "--kind",
                "token",
                "--mode",
                "ledger",
                "--decimals",
                "6",
                .. manual ? Array.Empty<string>() : ["--count", "1"],
                "--issuer-wallet",
                dir.File("alice.json"),
                "--genesis",
                $"{alice.Line("address")}=1000",
                "--url",
                Url,
            ],
            new Dictionary<string, string> { ["SMARTCHAIN_ADMIN_KEY"] = NodeProcess.AdminKey }
        );
        Assert.True(created.ExitCode == 0, created.ToString());
        return new LedgerSetup(dir, chain, alice.Line("address")!, bob.Line("address")!, created);
    }
}

/// <summary>A ledger chain made for one test, with its two wallets' files and addresses.</summary>
public sealed record LedgerSetup(TempDirectory Dir, string Chain, string Alice, string Bob, CliRun Created)
    : IDisposable
{
    public string AliceWallet => Dir.File("alice.json");

    public string BobWallet => Dir.File("bob.json");

    public void Dispose() => Dir.Dispose();
}
