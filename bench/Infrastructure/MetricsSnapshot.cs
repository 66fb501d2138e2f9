using System.Globalization;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// The node's own counters (Prometheus text at <c>GET /metrics</c>), so a scenario can say how many storage
/// requests a transfer cost: the difference of two snapshots around the measured window.
/// </summary>
public sealed class MetricsSnapshot
{
    private readonly Dictionary<string, double> _series;

    private MetricsSnapshot(Dictionary<string, double> series) => _series = series;

    public static async Task<MetricsSnapshot> ReadAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var text = await http.GetStringAsync("metrics", cancellationToken);
        var series = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            var cut = line.LastIndexOf(' ');
            if (
                line.StartsWith('#')
                || cut <= 0
                || !double.TryParse(line[(cut + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            )
            {
                continue;
            }

            series[line[..cut]] = value;
        }

        return new MetricsSnapshot(series);
    }

    /// <summary>
    /// Storage requests made between <paramref name="before"/> and this snapshot, per table and HTTP method
    /// ("pending POST" is an entity-group transaction or an insert; GET a point read or a query).
    /// </summary>
    public IReadOnlyDictionary<string, double> StorageRequestsSince(MetricsSnapshot before)
    {
        var requests = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (series, value) in _series)
        {
            if (!series.StartsWith("smartchain_storage_requests_total{", StringComparison.Ordinal))
            {
                continue;
            }

            var key = $"{Label(series, "smartchain_storage_table")} {Label(series, "http_request_method")}";
            requests[key] = requests.GetValueOrDefault(key) + value - before._series.GetValueOrDefault(series);
        }

        return requests;
    }

    /// <summary>
    /// How much the series named <paramref name="metric"/> with label <paramref name="label"/> =
    /// <paramref name="value"/> grew since <paramref name="before"/>, summed over their other labels.
    /// </summary>
    public double Since(MetricsSnapshot before, string metric, string label, string value) =>
        _series
            .Where(s => s.Key.StartsWith(metric + "{", StringComparison.Ordinal) && Label(s.Key, label) == value)
            .Sum(s => s.Value - before._series.GetValueOrDefault(s.Key));

    private static string Label(string series, string name)
    {
        var start = series.IndexOf(name + "=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return "?";
        }

        start += name.Length + 2;
        return series[start..series.IndexOf('"', start)];
    }
}
