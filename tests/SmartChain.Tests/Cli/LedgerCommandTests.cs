using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Cli.Ledger;
using SmartChain.Cli.Wallets;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Cli;

/// <summary>
/// <c>chain create</c>, <c>balance</c>, <c>send</c>, <c>mint</c> and <c>verify</c> against a real node serving ledger
/// chains.
/// </summary>
public sealed class LedgerCommandTests(LedgerNode fixture) : IClassFixture<LedgerNode>
{
    private string Url => fixture.Url;

    /// <summary><c>send</c> of <paramref name="amount"/> from Alice to Bob through the node.</summary>
    private Task<CliRun> SendAsync(LedgerSetup setup, string amount, params string[] options) =>
        TransferAsync("send", setup.AliceWallet, Url, setup, amount, options);

    private static Task<CliRun> SendThroughAsync(string url, LedgerSetup setup, string amount) =>
        TransferAsync("send", setup.AliceWallet, url, setup, amount);

    /// <summary><paramref name="command"/> (send or mint) of <paramref name="amount"/> to Bob.</summary>
    private static Task<CliRun> TransferAsync(
        string command,
        string wallet,
        string url,
        LedgerSetup setup,
        string amount,
        params string[] options
    ) =>
        CliRunner.RunAsync([
            command,
            "--chain",
            setup.Chain,
            "--to",
            setup.Bob,
            "--amount",
            amount,
            "--wallet",
            wallet,
            "--url",
            url,
            .. options,
        ]);

    private Task<CliRun> BalanceAsync(LedgerSetup setup, string wallet) =>
        CliRunner.RunAsync(["balance", "--chain", setup.Chain, "--wallet", wallet, "--url", Url]);

    private Task<CliRun> BobBalanceAsync(LedgerSetup setup) =>
        CliRunner.RunAsync(["balance", "--chain", setup.Chain, "--address", setup.Bob, "--url", Url]);

    [Fact]
    public async Task ChainCreateMakesLedgerChainWithIssuerAndGenesis()
    {
        using var setup = await fixture.CreateChainAsync();
        using var alice = Wallet.Load(setup.AliceWallet);

        Assert.Equal(setup.Chain, setup.Created.Line("id"));
        Assert.Equal("ledger", setup.Created.Line("mode"));
        Assert.Equal("6", setup.Created.Line("decimals"));
        Assert.Equal("1", setup.Created.Line("height"));
        Assert.Equal(alice.Key.PublicKey.Base64Url, setup.Created.Line("issuer_public_key"));
        Assert.Equal("""{"count":1,"heartbeat":false}""", setup.Created.Line("policy"));
        var account = await fixture.Node.Http.GetFromJsonAsync<JsonElement>(
            $"chains/{setup.Chain}/accounts/{setup.Alice}"
        );
        Assert.Equal("1000", account.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task ChainCreateWithWrongAdminKeyPrintsTheNodesProblem()
    {
        using var dir = new TempDirectory();
        await CliRunner.RunAsync(["wallet", "new", "--wallet", dir.File("w.json")]);

        var missing = await CliRunner.RunAsync(["chain", "create", "--id", "nokey", "--kind", "data", "--url", Url]);
        var wrong = await CliRunner.RunAsync([
            "chain",
            "create",
            "--id",
            "nokey",
            "--kind",
            "data",
            "--url",
            Url,
            "--admin-key",
            "not-the-key",
        ]);

        Assert.Equal(1, missing.ExitCode);
        Assert.Equal(
            "error: creating a chain needs the node's admin key: --admin-key or $SMARTCHAIN_ADMIN_KEY",
            missing.ErrorLine
        );
        Assert.Equal(1, wrong.ExitCode);
        Assert.StartsWith("error: Admin key required: ", wrong.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await fixture.Node.Http.GetAsync("chains/nokey")).StatusCode);
    }

    [Fact]
    public async Task BalanceShowsGenesisAllocationAndAnUnseenAddress()
    {
        using var setup = await fixture.CreateChainAsync();

        var alice = await BalanceAsync(setup, setup.AliceWallet);
        var bob = await BobBalanceAsync(setup);

        Assert.True(alice.ExitCode == 0, alice.ToString());
        Assert.Equal(
            $"address: {setup.Alice}\nbalance: 1000\nreserved: 0\nspendable: 1000\nnext_nonce: 0\n",
            alice.Out
        );
        Assert.Equal($"address: {setup.Bob}\nbalance: 0\nreserved: 0\nspendable: 0\nnext_nonce: 0\n", bob.Out);
    }

    [Fact]
    public async Task SendTransfersAndVerifiesTheInclusionProof()
    {
        using var setup = await fixture.CreateChainAsync();
        using var alice = Wallet.Load(setup.AliceWallet);

        var sent = await SendAsync(setup, "12.5");

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal(LedgerRequest.Sign(alice.Key, setup.Chain, setup.Bob, "12.5", 0).Id, sent.Line("id"));
        Assert.Equal("0", sent.Line("nonce"));
        Assert.Equal("included", sent.Line("status"));
        Assert.Equal("2", sent.Line("block"));
        Assert.Equal("0", sent.Line("position"));
        Assert.StartsWith("verified (leaf 0 of 1, merkle_root ", sent.Line("proof"), StringComparison.Ordinal);

        var bob = await BalanceAsync(setup, setup.BobWallet);
        var after = await BalanceAsync(setup, setup.AliceWallet);
        Assert.Equal("12.499375", bob.Line("balance"));
        Assert.Equal("987.5", after.Line("balance"));
        Assert.Equal("1", after.Line("next_nonce"));
    }

    [Fact]
    public async Task SendWithoutWaitLeavesTheTransactionPendingOnAManualChain()
    {
        using var setup = await fixture.CreateChainAsync(manual: true);

        var sent = await SendAsync(setup, "2", "--no-wait");
        var alice = await BalanceAsync(setup, setup.AliceWallet);

        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Equal("pending", sent.Line("status"));
        Assert.Null(sent.Line("block"));
        Assert.Equal("1000", alice.Line("balance"));
        Assert.Equal("2", alice.Line("reserved"));
        Assert.Equal("998", alice.Line("spendable"));
        Assert.Equal("1", alice.Line("next_nonce"));
    }

    [Fact]
    public async Task SendThatOutwaitsItsTimeoutSaysTheTransactionStaysAccepted()
    {
        using var setup = await fixture.CreateChainAsync(manual: true);

        var sent = await SendAsync(setup, "2", "--timeout", "0");

        Assert.Equal(1, sent.ExitCode);
        Assert.NotNull(sent.Line("id"));
        Assert.StartsWith(
            "error: still pending after 0 s; it stays accepted: check later at ",
            sent.ErrorLine,
            StringComparison.Ordinal
        );
        var receipt = await fixture.Node.Http.GetFromJsonAsync<JsonElement>(
            $"chains/{setup.Chain}/transactions/{sent.Line("id")}"
        );
        Assert.Equal("pending", receipt.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SendBeyondTheSpendableBalancePrintsTheLedgerProblem()
    {
        using var setup = await fixture.CreateChainAsync();

        var sent = await SendAsync(setup, "1000.000001");

        Assert.Equal(1, sent.ExitCode);
        Assert.StartsWith(
            "error: Rejected by a ledger rule: insufficient funds",
            sent.ErrorLine,
            StringComparison.Ordinal
        );
        Assert.Equal("", sent.Out);
    }

    [Fact]
    public async Task SendWithAUsedNonceNamesTheExpectedOne()
    {
        using var setup = await fixture.CreateChainAsync();
        Assert.Equal(0, (await SendAsync(setup, "1")).ExitCode);

        var replay = await SendAsync(setup, "2", "--nonce", "0");

        Assert.Equal(1, replay.ExitCode);
        Assert.StartsWith("error: Nonce conflict: ", replay.ErrorLine, StringComparison.Ordinal);
        Assert.Contains("expected 1", replay.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendRefusesAmountWithMoreDecimalsThanTheChainBeforeSigning()
    {
        using var setup = await fixture.CreateChainAsync();

        var sent = await SendAsync(setup, "0.0000001");
        var exponent = await SendAsync(setup, "1e2");

        Assert.Equal("error: --amount 0.0000001: amount has more than 6 decimal places", sent.ErrorLine);
        Assert.Equal("error: --amount must be a plain decimal number such as 12.5, not '1e2'", exponent.ErrorLine);
        Assert.Equal("0", (await BalanceAsync(setup, setup.AliceWallet)).Line("next_nonce"));
    }

    [Fact]
    public async Task MintByTheIssuerCreditsTheRecipientWithoutFee()
    {
        using var setup = await fixture.CreateChainAsync();

        var minted = await TransferAsync("mint", setup.AliceWallet, Url, setup, "5");

        Assert.True(minted.ExitCode == 0, minted.ToString());
        Assert.StartsWith("verified", minted.Line("proof"), StringComparison.Ordinal);
        Assert.Equal("5", (await BobBalanceAsync(setup)).Line("balance"));
        var block = await fixture.Node.Http.GetFromJsonAsync<JsonElement>(
            $"chains/{setup.Chain}/blocks/{minted.Line("block")}"
        );
        var entry = block.GetProperty("transactions")[0];
        Assert.Equal("mint", entry.GetProperty("type").GetString());
        Assert.Equal(setup.Alice, entry.GetProperty("sender").GetString());
    }

    [Fact]
    public async Task MintByAnotherWalletIsRejected()
    {
        using var setup = await fixture.CreateChainAsync();

        var minted = await TransferAsync("mint", setup.BobWallet, Url, setup, "5");

        Assert.Equal(1, minted.ExitCode);
        Assert.Equal("error: Rejected by a ledger rule: only the chain's issuer key can mint", minted.ErrorLine);
    }

    [Fact]
    public async Task VerifyReplaysLedgerChainAfterTransferAndMint()
    {
        using var setup = await fixture.CreateChainAsync();
        Assert.Equal(0, (await SendAsync(setup, "100")).ExitCode);
        Assert.Equal(0, (await TransferAsync("mint", setup.AliceWallet, Url, setup, "5")).ExitCode);

        var run = await CliRunner.RunAsync(["verify", "--chain", setup.Chain, "--url", Url]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("3", run.Line("blocks"));
        Assert.Equal("3", run.Line("transactions"));
        Assert.StartsWith("minted 1005, burned 0, ", run.Line("supply"), StringComparison.Ordinal);
        Assert.Equal("OK", run.Line("result"));
    }

    [Fact]
    public async Task SendRefusesANodeThatAnswersAnotherId()
    {
        using var setup = await fixture.CreateChainAsync();
        const string forged = "0000000000000000000000000000000000000000000000000000000000000000";
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            rewrite: (path, body) =>
            {
                if (path != $"chains/{setup.Chain}/transactions")
                {
                    return body;
                }

                var answer = JsonNode.Parse(body)!.AsObject();
                answer["id"] = forged;
                return answer.ToJsonString();
            }
        );

        var sent = await SendThroughAsync(proxy.Url.ToString(), setup, "1");

        Assert.Equal(1, sent.ExitCode);
        Assert.StartsWith(
            $"error: the node answered id {forged}, but the payload hashes to ",
            sent.ErrorLine,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task SendRefusesAProofThatDoesNotLeadToTheSignedBlock()
    {
        using var setup = await fixture.CreateChainAsync();
        // The block is served with a rewritten fee in our entry: header, hash and signature stay honest.
        await using var proxy = await RewritingProxy.StartAsync(
            fixture.Node.Url,
            rewrite: (path, body) =>
                path.StartsWith($"chains/{setup.Chain}/blocks/", StringComparison.Ordinal)
                    ? body.Replace("\"amount_bpsc\":\"0.0005\"", "\"amount_bpsc\":\"0\"")
                    : body
        );

        var sent = await SendThroughAsync(proxy.Url.ToString(), setup, "10");

        Assert.Equal(1, sent.ExitCode);
        Assert.Equal("included", sent.Line("status"));
        Assert.Null(sent.Line("proof"));
        Assert.StartsWith(
            "error: inclusion proof does not verify: the audit path does not lead from the entry at position 0 to "
                + "merkle_root ",
            sent.ErrorLine,
            StringComparison.Ordinal
        );
    }
}
