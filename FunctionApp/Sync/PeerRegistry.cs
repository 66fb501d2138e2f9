using Azure.Data.Tables;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// The nodes registered with <c>/nodes/register</c>, kept as <c>host:port</c> (the article's form) in the
/// <c>chains</c> table under PartitionKey "peer", so they survive a restart. Replicas may pull from any of them.
/// </summary>
public sealed class PeerRegistry(Tables tables)
{
    private const string Partition = "peer";

    /// <summary>The validated base URL of a node, or null with why: http/https, a host, a port, nothing else.</summary>
    public static Uri? TryParseNode(string? text, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{text}' is not an http(s) URL such as http://127.0.0.1:5001";
            return null;
        }

        if (string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            error = $"'{text}' must be scheme://host:port with nothing else";
            return null;
        }

        return uri;
    }

    public async Task AddAsync(IEnumerable<Uri> nodes, CancellationToken cancellationToken)
    {
        foreach (var node in nodes)
        {
            await tables.Chains.UpsertEntityAsync(new TableEntity(Partition, HostPort(node)) { ["Url"] = node.GetLeftPart(UriPartial.Authority) + "/" }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<(string HostPort, Uri Url)>> ListAsync(CancellationToken cancellationToken)
    {
        var peers = new List<(string, Uri)>();
        await foreach (var row in tables.Chains.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            peers.Add((row.RowKey, new Uri(row.GetString("Url"))));
        }

        return peers;
    }

    private static string HostPort(Uri node) => $"{node.Host}:{node.Port}";
}
