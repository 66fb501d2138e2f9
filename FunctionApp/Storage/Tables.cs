using Azure.Data.Tables;
using Azure.Identity;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// The node's tables, all named with its prefix: <c>chains</c> (settings and keys), <c>blocks</c> (head and
/// headers), <c>blocktx</c> (transaction pages, content-addressed by block hash), <c>pending</c> (accepted
/// entries, receipts and ledger accounts), <c>history</c> (each ledger account's entries, newest first). See
/// docs/storage.md.
/// </summary>
public sealed class Tables
{
    public Tables(NodeSettings settings)
    {
        var service = Uri.TryCreate(settings.Storage, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http"
            ? new TableServiceClient(endpoint, new DefaultAzureCredential())
            : new TableServiceClient(settings.Storage);
        Chains = service.GetTableClient(settings.TablePrefix + "chains");
        Blocks = service.GetTableClient(settings.TablePrefix + "blocks");
        BlockTx = service.GetTableClient(settings.TablePrefix + "blocktx");
        Pending = service.GetTableClient(settings.TablePrefix + "pending");
        History = service.GetTableClient(settings.TablePrefix + "history");
    }

    public TableClient Chains { get; }

    public TableClient Blocks { get; }

    public TableClient BlockTx { get; }

    public TableClient Pending { get; }

    public TableClient History { get; }

    public async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        foreach (var table in new[] { Chains, Blocks, BlockTx, Pending, History })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }
    }
}
