using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace SmartChain.FunctionApp.Observability;

/// <summary>
/// Every request the node sends to Table Storage, counted where the Azure SDK sends it: a policy in the table
/// clients' pipeline, at the per-retry position, so each try is one request and a retry is seen as one.
/// 404, 409 and 412 are answers the code expects (a missing row, a row already there, a lost ETag race), so
/// they are requests with their status, not failures; failures are what the SDK retries or gives up on.
/// </summary>
public static class StorageMetrics
{
    private static readonly Counter<long> Requests = Telemetry.Meter.CreateCounter<long>(
        "smartchain.storage.requests",
        "{request}",
        "Table Storage requests sent (each try of an operation, an entity-group transaction is one), per "
            + "smartchain.storage.table, http.request.method and http.response.status_code"
    );

    private static readonly Counter<long> Retries = Telemetry.Meter.CreateCounter<long>(
        "smartchain.storage.retries",
        "{request}",
        "Table Storage requests that were retries of a failed try, per smartchain.storage.table"
    );

    private static readonly Counter<long> Failures = Telemetry.Meter.CreateCounter<long>(
        "smartchain.storage.failures",
        "{request}",
        "Table Storage tries that failed (no answer, 408, 429 or 5xx), per smartchain.storage.table and error.type"
    );

    private static readonly Histogram<double> Duration = Telemetry.Meter.CreateHistogram(
        "smartchain.storage.request.duration",
        "s",
        "Time of one Table Storage request, per smartchain.storage.table and http.request.method",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        }
    );

    /// <summary>
    /// Table client options with the metering policy in the pipeline; table names are recorded without
    /// <paramref name="tablePrefix"/>.
    /// </summary>
    public static TableClientOptions Metered(TableClientOptions options, string tablePrefix)
    {
        options.AddPolicy(new MeteringPolicy(tablePrefix), HttpPipelinePosition.PerRetry);
        return options;
    }

    /// <summary>
    /// The table a request addresses, without the node's prefix: "pending" from ".../sc5000pending(PartitionKey=…)";
    /// "$batch" for transactions.
    /// </summary>
    internal static string TableOf(Uri uri, string prefix)
    {
        var segment = uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(');
        var table = paren >= 0 ? segment[..paren] : segment;
        return table.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && table.Length > prefix.Length
            ? table[prefix.Length..]
            : table;
    }

    private sealed class MeteringPolicy(string prefix) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (Exception e)
            {
                Record(message, started, e);
                throw;
            }

            Record(message, started, null);
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            catch (Exception e)
            {
                Record(message, started, e);
                throw;
            }

            Record(message, started, null);
        }

        private void Record(HttpMessage message, long started, Exception? exception)
        {
            var table = new KeyValuePair<string, object?>(
                "smartchain.storage.table",
                TableOf(message.Request.Uri.ToUri(), prefix)
            );
            var method = new KeyValuePair<string, object?>("http.request.method", message.Request.Method.Method);
            var status = exception is null && message.HasResponse ? message.Response.Status : 0;
            Requests.Add(1, table, method, new("http.response.status_code", status));
            Duration.Record(Telemetry.SecondsSince(started), table, method);
            if (message.ProcessingContext.RetryNumber > 0)
            {
                Retries.Add(1, table);
            }

            if (exception is not null || status is 408 or 429 or >= 500)
            {
                Failures.Add(
                    1,
                    table,
                    new(
                        "error.type",
                        exception?.GetType().Name ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    )
                );
            }
        }
    }
}
