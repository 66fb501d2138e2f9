using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Accepting;

public sealed class GroupCommitTests
{
    private const string Chain = "small";
    private const int Submissions = 90;

    [Fact]
    public async Task GroupsOfConcurrentTransfersNeverExceedTheChainsMaxBlockTx()
    {
        await using var node = new NodeApp();
        using var admin = node.AdminClient();
        using (
            var created = await admin.PostJsonAsync(
                "/chains",
                new
                {
                    id = Chain,
                    kind = "token",
                    max_block_tx = 3,
                }
            )
        )
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var http = node.CreateClient();
        var acknowledged = await Task.WhenAll(
            Enumerable
                .Range(0, Submissions)
                .Select(async i =>
                {
                    using var response = await http.PostJsonAsync(
                        $"/chains/{Chain}/transactions",
                        new
                        {
                            sender = $"alice{i}",
                            amount = 1,
                            recipient = "bob",
                        }
                    );
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                    return (await response.JsonAsync()).GetProperty("id").GetString()!;
                })
        );

        var tables = node.Services.GetRequiredService<Tables>();
        var pendingRows = TableClient.CreateQueryFilter(
            $"PartitionKey gt {Chain + "|"} and PartitionKey lt {Chain + "}"} and RowKey ge {"p"} and RowKey lt {"q"}"
        );
        var rows = await tables.Pending.QueryAsync<TableEntity>(pendingRows).Select(PendingRow.Ids).ToListAsync();
        Assert.Equal(acknowledged.Order(), rows.SelectMany(ids => ids).Order());
        Assert.All(rows, ids => Assert.InRange(ids.Length, 1, 3));
        Assert.Contains(rows, ids => ids.Length > 1); // concurrent requests were grouped, or this test proves nothing

        var included = new List<string>();
        for (
            var forged = await http.ForgeAsync(Chain, NodeApp.AdminKey);
            forged.GetProperty("tx_count").GetInt32() > 0;
            forged = await http.ForgeAsync(Chain, NodeApp.AdminKey)
        )
        {
            Assert.InRange(forged.GetProperty("tx_count").GetInt32(), 1, 3);
            included.AddRange(
                forged.GetProperty("transactions").EnumerateArray().Select(tx => tx.GetProperty("id").GetString()!)
            );
        }

        Assert.Equal(acknowledged.Order(), included.Order());
    }

    [Fact]
    public async Task GroupsOfLargeRecordsAreCutIntoRowsUnderTheEntityLimit()
    {
        await using var node = new NodeApp();
        var http = node.CreateClient();
        var information = new string('x', 15_000);
        var acknowledged = await Task.WhenAll(
            Enumerable
                .Range(0, 60)
                .Select(async i =>
                {
                    using var response = await http.PostJsonAsync(
                        "/information/new",
                        new { information = information + i }
                    );
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    return (await response.JsonAsync()).GetProperty("id").GetString()!;
                })
        );

        var tables = node.Services.GetRequiredService<Tables>();
        var pendingRows = TableClient.CreateQueryFilter(
            $"PartitionKey gt {"data|"} and PartitionKey lt {"data}"} and RowKey ge {"p"} and RowKey lt {"q"}"
        );
        var rows = await tables
            .Pending.QueryAsync<TableEntity>(pendingRows)
            .Select(row => PendingRow.Entries(0, row))
            .ToListAsync();
        Assert.Equal(acknowledged.Order(), rows.SelectMany(row => row.Select(e => e.Ref.Id.Value)).Order());
        Assert.All(
            rows.Select(row => row.Sum(e => e.Ref.Id.Value.Length + e.Text.Length + 1)),
            chars => Assert.InRange(chars, 1, PendingRow.MaxChars)
        );
        Assert.Contains(rows, row => row.Count > 1);
    }
}
