using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Observability;

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
        // every request counted: docs/operations.md
        var options = StorageMetrics.Metered(Options(), settings.TablePrefix);
        var service =
            Uri.TryCreate(settings.Storage, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "https" or "http"
                ? new TableServiceClient(endpoint, new DefaultAzureCredential(), options)
                : KeySigned(settings.Storage, options);
        Chains = service.GetTableClient(settings.TablePrefix + "chains");
        Blocks = service.GetTableClient(settings.TablePrefix + "blocks");
        BlockTx = service.GetTableClient(settings.TablePrefix + "blocktx");
        Pending = service.GetTableClient(settings.TablePrefix + "pending");
        History = service.GetTableClient(settings.TablePrefix + "history");
    }

    /// <summary>
    /// A client for a connection string. One that holds an account key is used through an account SAS made from it
    /// (<see cref="AccountSas"/>), not through the SDK's shared-key credential: that credential allocates an
    /// <c>HMACSHA256</c> per request and never disposes it, leaving an OpenSSL context per request to the finalizer
    /// thread — a quarter of the node's CPU under ledger load (docs/benchmarks.md, "Where the ledger's CPU went").
    /// </summary>
    private static TableServiceClient KeySigned(string connectionString, TableClientOptions options)
    {
        var keyed = new TableServiceClient(connectionString);
        return AccountSas.For(keyed) is { } sas
            ? new TableServiceClient(keyed.Uri, sas, options)
            : new TableServiceClient(connectionString, options);
    }

    /// <summary>
    /// Bounded retries and a per-try timeout, so that a request made while storage is down or hung fails within
    /// seconds (and answers 503, <see cref="StorageOutage"/>) instead of waiting out the SDK's defaults (3 retries
    /// from 0.8 s, 100 s per try). Killed storage refuses at once: ~1.5 s in all; hung storage: ≤ 3 × 10 s.
    /// </summary>
    public static TableClientOptions Options()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(250);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return options;
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
