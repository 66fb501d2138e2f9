using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The nodes registered with <c>/nodes/register</c>, in the <c>chains</c> table under PartitionKey "peer": RowKey
/// <c>host:port</c> (the article's form), <c>Url</c> the node's base URL. Rows are upserted, so registering a node
/// again changes nothing; they survive a restart.
/// </summary>
public sealed class PeerStore(Tables tables)
{
    private const string Partition = "peer";

    /// <summary>Adds (or re-adds) the node at <paramref name="url"/>, its base URL as text.</summary>
    public Task AddAsync(string hostPort, string url, CancellationToken cancellationToken) =>
        tables.Chains.UpsertEntityAsync(
            new TableEntity(Partition, hostPort) { ["Url"] = url },
            TableUpdateMode.Replace,
            cancellationToken
        );

    public async Task<IReadOnlyList<(string HostPort, Uri Url)>> ListAsync(CancellationToken cancellationToken)
    {
        var peers = new List<(string, Uri)>();
        var rows = tables.Chains.QueryAsync<TableEntity>(
            e => e.PartitionKey == Partition,
            cancellationToken: cancellationToken
        );
        await foreach (var row in rows)
        {
            peers.Add((row.RowKey, new Uri(row.GetString("Url"))));
        }

        return peers;
    }
}
