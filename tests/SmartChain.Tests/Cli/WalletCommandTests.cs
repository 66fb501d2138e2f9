using System.Text.Json;
using SmartChain.Cli.Wallets;
using SmartChain.Domain.Crypto;

namespace SmartChain.Tests.Cli;

public sealed class WalletCommandTests
{
    [Fact]
    public async Task WalletNewWritesOwnerOnlyKeyFileThatLoadsBack()
    {
        using var dir = new TempDirectory();
        var path = dir.File("keys/alice.json");

        var run = await CliRunner.RunAsync(["wallet", "new", "--wallet", path]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, ModeOf(path));
        using var json = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = json.RootElement;
        Assert.Equal(["version", "private_key", "public_key", "address"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("version").GetInt32());

        // The file round-trips: its private key signs for the public key and address written beside it.
        using var key = SigningKey.FromPkcs8(Base64Url.TryDecode(root.GetProperty("private_key").GetString())!);
        Assert.Equal(key.PublicKey.Base64Url, root.GetProperty("public_key").GetString());
        Assert.Equal(Address.Of(key.PublicKey).Value, root.GetProperty("address").GetString());
        Assert.Equal(root.GetProperty("address").GetString(), run.Line("address"));
        using var loaded = Wallet.Load(path);
        Assert.Equal(run.Line("address"), loaded.Address);
        var message = "round trip"u8.ToArray();
        Assert.True(key.PublicKey.Verify(message, loaded.Key.Sign(message)));
    }

    [Fact]
    public async Task WalletNewRefusesToOverwriteAnExistingFile()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wallet.json");
        Assert.Equal(0, (await CliRunner.RunAsync(["wallet", "new", "--wallet", path])).ExitCode);
        var before = File.ReadAllBytes(path);

        var again = await CliRunner.RunAsync(["wallet", "new", "--wallet", path]);

        Assert.Equal(1, again.ExitCode);
        Assert.Equal(
            $"error: {path} already exists; refusing to overwrite a wallet (move it away first)",
            again.ErrorLine
        );
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public async Task WalletAddressPrintsTheAddressOfTheDefaultWallet()
    {
        using var home = new TempDirectory();
        var created = await CliRunner.RunAsync(["wallet", "new"], home: home.Path);
        Assert.Equal(Path.Combine(home.Path, ".smartchain", "wallet.json"), created.Line("wallet"));
        Assert.Equal(
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
            ModeOf(Path.Combine(home.Path, ".smartchain"))
        );

        var shown = await CliRunner.RunAsync(["wallet", "address"], home: home.Path);

        Assert.Equal(created.Line("address") + "\n", shown.Out.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task SmartchainWalletVariableOverridesTheHomeWallet()
    {
        using var home = new TempDirectory();
        using var elsewhere = new TempDirectory();
        var env = new Dictionary<string, string> { ["SMARTCHAIN_WALLET"] = elsewhere.File("w.json") };

        var created = await CliRunner.RunAsync(["wallet", "new"], env, home.Path);

        Assert.Equal(elsewhere.File("w.json"), created.Line("wallet"));
        Assert.False(Directory.Exists(Path.Combine(home.Path, ".smartchain")));
        Assert.Equal(
            created.Line("address"),
            (await CliRunner.RunAsync(["wallet", "address"], env, home.Path)).Out.Trim()
        );
    }

    [Fact]
    public async Task WalletWhoseAddressWasEditedIsRefused()
    {
        using var dir = new TempDirectory();
        var path = dir.File("wallet.json");
        var created = await CliRunner.RunAsync(["wallet", "new", "--wallet", path]);
        File.WriteAllText(
            path,
            File.ReadAllText(path).Replace(created.Line("address")!, "00112233445566778899aabbccddeeff00112233")
        );

        var shown = await CliRunner.RunAsync(["wallet", "address", "--wallet", path]);

        Assert.Equal(1, shown.ExitCode);
        Assert.Equal($"error: {path}: public_key or address does not belong to private_key", shown.ErrorLine);
    }

    [Fact]
    public async Task MissingWalletSaysHowToCreateOne()
    {
        using var dir = new TempDirectory();

        var shown = await CliRunner.RunAsync(["wallet", "address", "--wallet", dir.File("none.json")]);

        Assert.Equal(1, shown.ExitCode);
        Assert.Contains("create one with `smartchain wallet new`", shown.ErrorLine);
    }

    // Key files are a Unix-mode concept here; the suite runs on Linux.
    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows()
            ? throw new PlatformNotSupportedException("Unix file modes")
            : File.GetUnixFileMode(path);
}
