using System.Net;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Observability;

/// <summary>
/// A real node process on the test Azurite, driven with real load, then read through its own <c>GET /metrics</c>:
/// each counter holds what this test caused (the process is the test's own, so nothing else adds to it).
/// </summary>
public sealed class MetricsEndpointTests : IAsyncLifetime
{
    // the node's default open-mode token chain: fresh, its tables are the test's own
    private const string Chain = "aka";
    private NodeProcess _node = null!;

    public async Task InitializeAsync() =>
        _node = await NodeProcess.StartAsync(TestStorage.UniquePrefix(), args: ["--manual"]);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task MetricsCountTheAcceptancesRefusalsAndForgeALoadCaused()
    {
        const int Clients = 8;
        const int PerClient = 6;
        var statuses = await Task.WhenAll(
            Enumerable
                .Range(0, Clients)
                .Select(async c =>
                {
                    var answers = new List<HttpStatusCode>();
                    for (var i = 0; i < PerClient; i++)
                    {
                        using var response = await _node.Http.PostJsonAsync(
                            $"/chains/{Chain}/transactions",
                            new
                            {
                                sender = $"client-{c}",
                                amount = 100 + i,
                                recipient = "bob",
                            }
                        );
                        answers.Add(response.StatusCode);
                    }

                    return answers;
                })
        );
        Assert.All(statuses.SelectMany(s => s), s => Assert.Equal(HttpStatusCode.Accepted, s));
        using (
            var missingAmount = await _node.Http.PostJsonAsync(
                $"/chains/{Chain}/transactions",
                new { sender = "alice", recipient = "bob" }
            )
        )
        {
            Assert.Equal(HttpStatusCode.BadRequest, missingAmount.StatusCode);
        }

        using (var notJson = await _node.Http.PostRawAsync($"/chains/{Chain}/transactions", "{\"sender\":"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        const int Accepted = Clients * PerClient;
        var before = await PrometheusScrape.ReadAsync(_node.Http);
        Assert.Equal(Accepted, before.Value("smartchain_transactions_accepted_total", ("smartchain_chain", Chain)));
        Assert.Equal(
            2,
            before.Value(
                "smartchain_transactions_refused_total",
                ("smartchain_chain", Chain),
                ("smartchain_refusal_reason", "malformed")
            )
        );
        // Timed: every submission that reached validation (the unreadable body is refused before).
        Assert.Equal(
            Accepted + 1,
            before.Value("smartchain_acceptance_duration_seconds_count", ("smartchain_chain", Chain))
        );
        Assert.Equal(Accepted, before.Value("smartchain_pending_count", ("smartchain_chain", Chain)));
        Assert.Equal(Accepted, before.Value("smartchain_group_commit_size_sum", ("smartchain_commit_kind", "open")));
        // The node forged the chain's genesis block at start: counted too, so the forge below is measured as a
        // difference.
        var forges =
            before.Value(
                "smartchain_forge_duration_seconds_count",
                ("smartchain_chain", Chain),
                ("smartchain_forge_outcome", "block")
            ) ?? 0;
        var blockEntries = before.Value("smartchain_block_size_sum", ("smartchain_chain", Chain)) ?? 0;
        var blocks = before.Value("smartchain_block_size_count", ("smartchain_chain", Chain)) ?? 0;

        var forged = await _node.Http.ForgeAsync(Chain, NodeProcess.AdminKey);
        Assert.Equal(Accepted, forged.GetProperty("tx_count").GetInt32());

        var after = await PrometheusScrape.ReadAsync(_node.Http);
        Assert.Equal(
            forges + 1,
            after.Value(
                "smartchain_forge_duration_seconds_count",
                ("smartchain_chain", Chain),
                ("smartchain_forge_outcome", "block")
            )
        );
        Assert.Equal(blocks + 1, after.Value("smartchain_block_size_count", ("smartchain_chain", Chain)));
        Assert.Equal(blockEntries + Accepted, after.Value("smartchain_block_size_sum", ("smartchain_chain", Chain)));
        Assert.Equal(0, after.Value("smartchain_pending_count", ("smartchain_chain", Chain)));
        Assert.Equal(Accepted, after.Value("smartchain_transactions_accepted_total", ("smartchain_chain", Chain)));

        // Storage: every request the SDK sent was counted by table, none failed against a healthy Azurite.
        Assert.True(
            after.Value("smartchain_storage_requests_total", ("smartchain_storage_table", "pending")) >= 1,
            after.Text
        );
        Assert.True(
            after.Value("smartchain_storage_requests_total", ("smartchain_storage_table", "$batch")) >= 1,
            after.Text
        );
        Assert.Null(after.Value("smartchain_storage_failures_total"));
    }

    [Fact]
    public async Task ReplicaCountsTheBlocksAndEntriesItVerified()
    {
        const int Transfers = 5;
        for (var i = 0; i < Transfers; i++)
        {
            using var response = await _node.Http.PostJsonAsync(
                $"/chains/{Chain}/transactions",
                new
                {
                    sender = "alice",
                    amount = 10 + i,
                    recipient = "bob",
                }
            );
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await _node.Http.ForgeAsync(Chain, NodeProcess.AdminKey);
        var height = await _node.Http.HeightAsync(Chain);
        await using var replica = await NodeProcess.StartAsync(
            TestStorage.UniquePrefix(),
            args: ["--manual", "--bpsc", _node.Url.ToString()]
        );

        // The replica syncs every 2 s (startup does not wait for its BPSC): a round after the pull finds nothing to
        // pull.
        var metrics = await Eventually.ReturnsAsync(
            () => PrometheusScrape.ReadAsync(replica.Http),
            m =>
                m.Value("smartchain_replica_lag", ("smartchain_chain", Chain)) == 0
                && m.Value("smartchain_sync_duration_seconds_count") >= 2,
            TimeSpan.FromSeconds(30),
            "a sync round that found the replica caught up"
        );
        Assert.Equal(height, metrics.Value("smartchain_replica_blocks_total", ("smartchain_chain", Chain)));
        Assert.Equal(Transfers, metrics.Value("smartchain_replica_verified_total", ("smartchain_chain", Chain)));
        Assert.Null(metrics.Value("smartchain_replica_failures_total", ("smartchain_chain", Chain)));
        Assert.True(metrics.Value("smartchain_sync_duration_seconds_count") >= 2, metrics.Text);
    }

    [Fact]
    public async Task RefusedLedgerTransfersAreCountedByReason()
    {
        using var issuer = new TestWallet();
        using var alice = new TestWallet();
        using var bob = new TestWallet();
        using var admin = new HttpClient { BaseAddress = _node.Url };
        admin.DefaultRequestHeaders.Add("x-functions-key", NodeProcess.AdminKey);
        var chain = await LedgerChain.CreateAsync(admin, issuer, [(alice.Address, "1000")]);

        async Task<HttpStatusCode> SubmitAsync(System.Text.Json.Nodes.JsonObject request)
        {
            using var response = await _node.Http.PostJsonAsync($"/chains/{chain}/transactions", request);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Accepted, await SubmitAsync(alice.Transfer(chain, bob.Address, "10", nonce: 0)));
        Assert.Equal(
            HttpStatusCode.UnprocessableEntity,
            await SubmitAsync(alice.Transfer(chain, bob.Address, "5000", nonce: 1))
        );
        Assert.Equal(HttpStatusCode.Conflict, await SubmitAsync(alice.Transfer(chain, bob.Address, "10", nonce: 7)));
        var forgedSignature = alice.Sign(
            alice.Transfer(chain, bob.Address, "10", nonce: 1)["payload"]!.AsObject(),
            bob.Key
        );
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await SubmitAsync(forgedSignature));

        var metrics = await PrometheusScrape.ReadAsync(_node.Http);
        Assert.Equal(1, metrics.Value("smartchain_transactions_accepted_total", ("smartchain_chain", chain)));
        Assert.Equal(
            1,
            metrics.Value(
                "smartchain_transactions_refused_total",
                ("smartchain_chain", chain),
                ("smartchain_refusal_reason", "funds")
            )
        );
        Assert.Equal(
            1,
            metrics.Value(
                "smartchain_transactions_refused_total",
                ("smartchain_chain", chain),
                ("smartchain_refusal_reason", "nonce")
            )
        );
        Assert.Equal(
            1,
            metrics.Value(
                "smartchain_transactions_refused_total",
                ("smartchain_chain", chain),
                ("smartchain_refusal_reason", "rule")
            )
        );
        Assert.Equal(3, metrics.Value("smartchain_transactions_refused_total", ("smartchain_chain", chain)));
        Assert.Equal(1, metrics.Value("smartchain_pending_count", ("smartchain_chain", chain)));
    }
}
