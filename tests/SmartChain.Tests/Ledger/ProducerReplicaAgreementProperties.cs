using System.Net;
using System.Net.Http.Json;
using FsCheck;
using FsCheck.Fluent;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.Domain.Verification;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Ledger;

/// <summary>
/// Random mints, transfers, overdrafts and refunds driven through the BPSC's acceptance and forge (a real node on
/// Azurite) and then through a replica's replay of the blocks it served: both must end with the same balances,
/// nonces and supply, since both ask the one ledger rule and apply the one ledger effect.
/// </summary>
public sealed class ProducerReplicaAgreementProperties : IAsyncLifetime
{
    private const string Blocked = "00000000000000000000000000000000000000aa";
    private readonly NodeApp _node = new();
    private readonly TestWallet _issuer = new();
    private readonly TestWallet[] _wallets = [new(), new(), new()];
    private HttpClient _http = null!;
    private HttpClient _admin = null!;

    public Task InitializeAsync()
    {
        _http = _node.CreateClient();
        _admin = _node.AdminClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _issuer.Dispose();
        foreach (var wallet in _wallets)
        {
            wallet.Dispose();
        }
    }

    // Each case is a fresh chain on real storage, so the count stays small; the operations are what vary.
    // FsCheck properties are synchronous: the async work runs on the thread pool (Task.Run), never on xunit's
    // two-thread synchronization context, where a blocked property would wait for continuations queued behind it.
    [FsCheck.Xunit.Property(MaxTest = 6)]
    public Property ProducerAndReplicaAgree(NonEmptyArray<int> operations, bool burn) =>
        Task.Run(() => AgreeAsync(operations.Get, burn)).GetAwaiter().GetResult().ToProperty();

    private async Task<bool> AgreeAsync(int[] operations, bool burn)
    {
        var chain = await LedgerChain.CreateAsync(
            _admin,
            _issuer,
            [(_wallets[0].Address, "100")],
            body =>
            {
                body["decimals"] = 2;
                body["fee_policy"] = burn ? "burn" : "accumulate";
                body["max_transfer"] = "60";
                body["blocked_recipients"] = new System.Text.Json.Nodes.JsonArray(Blocked);
            }
        );
        var nonces = new Dictionary<string, long>();
        foreach (var op in operations.Take(24))
        {
            var sender = Math.Abs(op % 4) == 3 ? _issuer : _wallets[Math.Abs(op % 3)];
            var recipient = Math.Abs(op / 4 % 5) switch
            {
                4 => Blocked,
                var r => _wallets[r % 3].Address,
            };
            var amount = (Math.Abs(op / 20 % 9_000) / 100m + 0.01m).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
            var type = sender == _issuer ? "mint" : null;
            var nonce = nonces.GetValueOrDefault(sender.Address);
            var response = await _http.PostAsJsonAsync(
                $"/chains/{chain}/transactions",
                sender.Transfer(chain, recipient, amount, nonce, type)
            );
            Assert.True(
                response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.UnprocessableEntity,
                await response.Content.ReadAsStringAsync()
            );
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                nonces[sender.Address] = nonce + 1;
            }

            if (op % 5 == 0)
            {
                await LedgerChain.ForgeAsync(_admin, chain);
            }
        }

        await LedgerChain.ForgeAsync(_admin, chain);
        return await ReplayAgreesAsync(chain);
    }

    private async Task<bool> ReplayAgreesAsync(string chain)
    {
        var audit = await ChainAudit.DownloadAndVerifyAsync(_http, chain);
        var info = await _http.GetJsonAsync($"/chains/{chain}");
        using var key = PublicKey.TryParse(info.GetProperty("bpsc_public_key").GetString())!;
        var replica = new ChainVerifier(ChainAudit.SettingsOf(info), key);
        foreach (var block in audit.Blocks)
        {
            Assert.Null(replica.Append(block));
        }

        var ledger = replica.Ledger!;
        Assert.Null(ledger.CheckSupply());
        var addresses = _wallets
            .Select(w => w.Address)
            .Append(_issuer.Address)
            .Append(Blocked)
            .Append(Address.Of(key).Value);
        var total = Amount.Zero;
        foreach (var address in addresses)
        {
            var account = await LedgerChain.AccountAsync(_http, chain, address);
            Assert.Equal(ledger.BalanceOf(address).ToString(), account.GetProperty("balance").GetString());
            Assert.Equal("0", account.GetProperty("reserved").GetString());
            Assert.Equal(ledger.NextNonceOf(address), account.GetProperty("next_nonce").GetInt64());
            total += ledger.BalanceOf(address);
        }

        // Every balance the replay knows was compared above, so the producer's supply equals the replica's too.
        Assert.Equal(ledger.Balances.Values.Aggregate(Amount.Zero, (sum, b) => sum + b), total);
        return true;
    }
}
