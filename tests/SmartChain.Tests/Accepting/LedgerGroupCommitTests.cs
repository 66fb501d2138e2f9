using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Accepting;

/// <summary>
/// Concurrent transfers of senders sharing a shard are accepted in shared transactions, each exactly once.
/// </summary>
public sealed class LedgerGroupCommitTests : IAsyncLifetime
{
    private const int Shard = 3; // one of AccountStore.Shards
    private const string Blocked = "00000000000000000000000000000000000000aa";
    private readonly NodeApp _node = new();
    private readonly TestWallet _issuer = new();
    private readonly TestWallet _bob = new();
    private readonly List<TestWallet> _senders = WalletsOfShard(Shard, 30);
    private HttpClient _http = null!;
    private string _chain = null!;

    public async Task InitializeAsync()
    {
        _http = _node.CreateClient();
        _chain = await LedgerChain.CreateAsync(
            _node.AdminClient(),
            _issuer,
            _senders.Select(s => (s.Address, "100")),
            body => body["blocked_recipients"] = new System.Text.Json.Nodes.JsonArray(Blocked)
        );
    }

    public async Task DisposeAsync()
    {
        await _node.DisposeAsync();
        _issuer.Dispose();
        _bob.Dispose();
        _senders.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task SendersOfOneShardSharePendingRowsAndEachIsAppliedOnce()
    {
        // The last round refunds every other sender's transfer, so shared rows mix deliveries and refunds.
        var last = new List<System.Text.Json.Nodes.JsonObject>();
        for (var nonce = 0; nonce < 3; nonce++)
        {
            var requests = _senders
                .Select((s, i) => s.Transfer(_chain, nonce == 2 && i % 2 == 0 ? Blocked : _bob.Address, "10", nonce))
                .ToList();
            var responses = await Task.WhenAll(
                requests.Select(r => _http.PostAsJsonAsync($"/chains/{_chain}/transactions", r))
            );
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
            last = requests;
        }

        var tables = _node.Services.GetRequiredService<Tables>();
        var partition = PendingStore.Partition(ChainId.Parse(_chain), Shard);
        var rows = await tables.Pending.QueryAsync<TableEntity>(e => e.PartitionKey == partition).ToListAsync();
        rows = rows.Where(e => e.RowKey.StartsWith('p')).ToList();
        var ids = rows.SelectMany(PendingRow.Ids).ToList();
        Assert.Contains(rows, row => PendingRow.Ids(row).Length > 1);
        Assert.Equal(90, ids.Count);
        Assert.Equal(90, ids.Distinct().Count());
        foreach (var sender in _senders)
        {
            var account = await LedgerChain.AccountAsync(_http, _chain, sender.Address);
            Assert.Equal((3, 30m), (account.GetProperty("next_nonce").GetInt64(), Decimal(account, "reserved")));
        }

        var block = await LedgerChain.ForgeAsync(_node.AdminClient(), _chain);
        Assert.Equal(90, block.GetProperty("tx_count").GetInt32());
        for (var i = 0; i < _senders.Count; i++)
        {
            var account = await LedgerChain.AccountAsync(_http, _chain, _senders[i].Address);
            Assert.Equal((i % 2 == 0 ? 80m : 70m, 0m), (Decimal(account, "balance"), Decimal(account, "reserved")));
            var receipt = await _http.GetFromJsonAsync<JsonElement>(
                $"/chains/{_chain}/transactions/{TestWallet.IdOf(last[i])}"
            );
            Assert.Equal(i % 2 == 0 ? "refunded" : "included", receipt.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task BatchWithAStaleAccountAcceptsEveryValidTransferOnceAndJudgesTheStaleOneAfresh()
    {
        // Every sender's row is remembered by this node; then another node on the same storage accepts the first
        // sender's nonce 1, so this node's copy of that row is stale and any batch carrying it fails on its ETag.
        await using var other = new NodeApp(_node.Prefix);
        var otherHttp = other.CreateClient();
        var first = await Task.WhenAll(
            _senders.Select(s =>
                _http.PostAsJsonAsync($"/chains/{_chain}/transactions", s.Transfer(_chain, _bob.Address, "10", 0))
            )
        );
        Assert.All(first, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var elsewhere = await otherHttp.PostAsJsonAsync(
            $"/chains/{_chain}/transactions",
            _senders[0].Transfer(_chain, _bob.Address, "50", 1)
        );
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);

        var stale = _senders[0].Transfer(_chain, _bob.Address, "60", 1);
        var valid = _senders.Skip(1).Select(s => s.Transfer(_chain, _bob.Address, "10", 1)).ToList();
        var responses = await Task.WhenAll(
            valid.Prepend(stale).Select(t => _http.PostAsJsonAsync($"/chains/{_chain}/transactions", t))
        );

        Assert.Equal(HttpStatusCode.Conflict, responses[0].StatusCode);
        Assert.Equal(
            2,
            (await responses[0].Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expected_nonce").GetInt64()
        );
        Assert.All(responses.Skip(1), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var staleAccount = await LedgerChain.AccountAsync(_http, _chain, _senders[0].Address);
        Assert.Equal((2, 60m), (staleAccount.GetProperty("next_nonce").GetInt64(), Decimal(staleAccount, "reserved")));
        foreach (var sender in _senders.Skip(1))
        {
            var account = await LedgerChain.AccountAsync(_http, _chain, sender.Address);
            Assert.Equal((2, 20m), (account.GetProperty("next_nonce").GetInt64(), Decimal(account, "reserved")));
        }

        // Resubmitting every valid transfer applies nothing; the block holds each transfer once.
        var again = await Task.WhenAll(valid.Select(t => _http.PostAsJsonAsync($"/chains/{_chain}/transactions", t)));
        Assert.All(again, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var block = await LedgerChain.ForgeAsync(_node.AdminClient(), _chain);
        Assert.Equal(2 * _senders.Count, block.GetProperty("tx_count").GetInt32());
        Assert.Equal(40m, Decimal(await LedgerChain.AccountAsync(_http, _chain, _senders[0].Address), "balance"));
    }

    private static decimal Decimal(JsonElement account, string property) =>
        decimal.Parse(account.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static List<TestWallet> WalletsOfShard(int shard, int count)
    {
        var wallets = new List<TestWallet>();
        while (wallets.Count < count)
        {
            var wallet = new TestWallet();
            if (AccountStore.ShardOf(Address.Parse(wallet.Address)) == shard)
            {
                wallets.Add(wallet);
            }
            else
            {
                wallet.Dispose();
            }
        }

        return wallets;
    }
}
