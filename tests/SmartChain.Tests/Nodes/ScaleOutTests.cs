using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Verification;
using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Nodes;

/// <summary>
/// What a scaled-out Functions app is: several instances forging one chain from one storage account at once.
/// Here three self-hosted node processes share one table prefix, with a count policy of 20 and a one-second
/// interval, take transfers from concurrent clients and admin forges, and must still build one chain.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
{
    private const string Chain = "aka";
    private const int Clients = 9;
    private const int Forgers = 3;
    private const int MaxSubmissionsPerClient = 3_000;
    private const int BlocksPageLimit = 200;
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task ThreeProducersOnOneStorageBuildOneVerifiedChainHoldingEveryAcknowledgedTransferOnce()
    {
        var prefix = TestStorage.UniquePrefix();
        var env = new Dictionary<string, string>
        {
            ["SMARTCHAIN_DEFAULT_POLICY_COUNT"] = "20",
            ["SMARTCHAIN_DEFAULT_POLICY_INTERVAL"] = "*/1 * * * * *",
        };
        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => NodeProcess.StartAsync(prefix, env: env)));
        try
        {
            // One chain, one key: every process found (or created) the same chain in storage.
            var keys = await Task.WhenAll(
                nodes.Select(async n =>
                    (await n.Http.GetFromJsonAsync<JsonElement>($"chains/{Chain}"))
                        .GetProperty("bpsc_public_key")
                        .GetString()
                )
            );
            Assert.Single(keys.Distinct());

            var acknowledged = new ConcurrentBag<string>();
            var failures = new ConcurrentBag<string>();
            var adminForges = 0;
            using var load = new CancellationTokenSource(LoadDuration);
            var clients = Enumerable
                .Range(0, Clients)
                .Select(c =>
                    Task.Run(() => SubmitUntilAsync(nodes[c % nodes.Length], c, acknowledged, failures, load.Token))
                );
            var forgers = Enumerable
                .Range(0, Forgers)
                .Select(f =>
                    Task.Run(async () =>
                    {
                        while (!load.IsCancellationRequested)
                        {
                            var block = await ForgeAsync(nodes[f % nodes.Length], failures);
                            if (block is not null)
                            {
                                Interlocked.Increment(ref adminForges);
                            }
                        }
                    })
                );
            await Task.WhenAll(clients.Concat(forgers));

            Assert.Empty(failures);
            Assert.True(acknowledged.Count > Clients, $"only {acknowledged.Count} transfers were acknowledged");
            Assert.True(adminForges > 0, "no admin forge succeeded during the load");

            // Drain: once a forge finds nothing pending, every acknowledged transfer is in a committed block.
            var drained = false;
            for (var round = 0; round < 30 && !drained; round++)
            {
                var block = await ForgeAsync(nodes[round % nodes.Length], failures);
                Assert.Empty(failures);
                drained = block!.Value.GetProperty("tx_count").GetInt32() == 0;
            }

            Assert.True(drained, "30 forges after the load still found transfers pending");

            var chain = await DownloadAsync(nodes[0]);
            var info = await nodes[0].Http.GetFromJsonAsync<JsonElement>($"chains/{Chain}");
            AssertVerifies(chain, info);
            Assert.Equal(info.GetProperty("height").GetInt64(), chain[^1].Index);
            Assert.Equal(info.GetProperty("head_hash").GetString(), chain[^1].Hash);

            // Every node sees the same head.
            foreach (var node in nodes.Skip(1))
            {
                var other = await node.Http.GetFromJsonAsync<JsonElement>($"chains/{Chain}");
                Assert.True(other.GetProperty("height").GetInt64() >= chain[^1].Index);
                Assert.Equal(chain[^1].Hash, (await DownloadAsync(node))[(int)chain[^1].Index - 1].Hash);
            }

            var included = chain
                .SelectMany(b => b.Transactions.Select(t => JsonNode.Parse(t)!["id"]!.GetValue<string>()))
                .ToList();
            var duplicates = included.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(duplicates);
            var missing = acknowledged.Except(included).ToList();
            Assert.Empty(missing);

            // Every submission was answered, so nothing may be in the chain that no client was told about.
            Assert.Equal(acknowledged.Count, included.Count);
            output.WriteLine(
                $"{acknowledged.Count} transfers acknowledged by 3 nodes, {adminForges} admin forges during the load, "
                    + $"{chain.Count} blocks (largest {chain.Max(b => b.Transactions.Count)} transfers), all verified"
            );
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task SubmitUntilAsync(
        NodeProcess node,
        int client,
        ConcurrentBag<string> acknowledged,
        ConcurrentBag<string> failures,
        CancellationToken stop
    )
    {
        for (var i = 0; i < MaxSubmissionsPerClient && !stop.IsCancellationRequested; i++)
        {
            // Not cancelled by the deadline: a request that was sent is always answered and counted.
            using var response = await node.Http.PostAsJsonAsync(
                $"chains/{Chain}/transactions",
                new
                {
                    sender = $"client{client}",
                    amount = 1_000 + i,
                    recipient = "bob",
                },
                CancellationToken.None
            );
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                failures.Add(
                    $"client {client} on :{node.Port}: {(int)response.StatusCode} "
                        + $"{await response.Content.ReadAsStringAsync(CancellationToken.None)}"
                );
                return;
            }

            acknowledged.Add(
                (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None))
                    .GetProperty("id")
                    .GetString()!
            );
        }
    }

    /// <summary>The admin's forge: the block it answers, or null with the failure recorded.</summary>
    private static async Task<JsonElement?> ForgeAsync(NodeProcess node, ConcurrentBag<string> failures)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"chains/{Chain}/forge");
        request.Headers.Add("x-functions-key", NodeProcess.AdminKey);
        using var response = await node.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"forge on :{node.Port}: {(int)response.StatusCode} {body}");
            return null;
        }

        using var block = JsonDocument.Parse(body);
        return block.RootElement.Clone();
    }

    /// <summary>The whole chain through the paged blocks API.</summary>
    private static async Task<List<Block>> DownloadAsync(NodeProcess node)
    {
        var blocks = new List<Block>();
        long? from = 1;
        while (from is { } next)
        {
            var page = await node.Http.GetFromJsonAsync<JsonElement>(
                $"chains/{Chain}/blocks?from={next}&limit={BlocksPageLimit}"
            );
            foreach (var json in page.GetProperty("blocks").EnumerateArray())
            {
                blocks.Add(BlockJson.TryRead(json, out var error) ?? throw new InvalidDataException(error));
            }

            from =
                page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt64();
        }

        return blocks;
    }

    /// <summary>
    /// Every block signed by the chain's BPSC key and sound inside, each linked to the one before: one header per index
    /// from 1, no gap, no fork.
    /// </summary>
    private static void AssertVerifies(List<Block> chain, JsonElement info)
    {
        var settings =
            ChainInfoFields.TryReadSettings(info, out var settingsError)
            ?? throw new InvalidDataException(settingsError);
        using var key =
            PublicKey.TryParse(info.GetProperty("bpsc_public_key").GetString())
            ?? throw new InvalidDataException("bad bpsc_public_key");
        var verifier = new BlockVerifier(settings, key);
        Assert.NotEmpty(chain);
        long previousIndex = 0;
        string? previousHash = null;
        foreach (var block in chain)
        {
            Assert.Null(verifier.CheckContents(block));
            Assert.Null(BlockVerifier.CheckLink(block, previousIndex, previousHash));
            previousIndex = block.Index;
            previousHash = block.Hash;
        }
    }
}
