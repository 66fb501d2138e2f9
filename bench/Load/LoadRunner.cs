using System.Diagnostics;

namespace SmartChain.Bench.Load;

/// <summary>
/// A closed-loop load test: <c>workers</c> concurrent loops each send one operation, wait for its answer,
/// send the next. Operations finishing during the warm-up are not counted; then a window of fixed length
/// counts acknowledged operations and their latencies. Percentiles come from every latency, not a sample.
/// </summary>
public static class LoadRunner
{
    /// <summary>
    /// Runs the load. <paramref name="operation"/> gets (worker, iteration) and answers null when acknowledged,
    /// else why not. <paramref name="windowStarts"/>/<paramref name="windowEnds"/> run at the window's edges (e.g. CPU
    /// meters).
    /// </summary>
    public static async Task<LoadResult> RunAsync(
        int workers,
        TimeSpan warmup,
        TimeSpan window,
        Func<int, long, CancellationToken, Task<string?>> operation,
        Action? windowStarts = null,
        Action? windowEnds = null,
        CancellationToken cancellationToken = default
    )
    {
        var origin = Stopwatch.GetTimestamp();
        var windowStart = origin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<long>[workers];
        var errors = new long[workers];
        string? firstError = null;

        var edges = Task.Run(
            async () =>
            {
                await Task.Delay(warmup, cancellationToken);
                windowStarts?.Invoke();
                await Task.Delay(window, cancellationToken);
                windowEnds?.Invoke();
            },
            cancellationToken
        );

        await Task.WhenAll(
            Enumerable
                .Range(0, workers)
                .Select(worker =>
                    Task.Run(
                        async () =>
                        {
                            var mine = latencies[worker] = new List<long>(4096);
                            for (long iteration = 0; ; iteration++)
                            {
                                var started = Stopwatch.GetTimestamp();
                                if (started >= windowEnd)
                                {
                                    return;
                                }

                                string? error;
                                try
                                {
                                    error = await operation(worker, iteration, cancellationToken);
                                }
                                catch (Exception e)
                                    when (e is HttpRequestException or TaskCanceledException or IOException)
                                {
                                    error = e.GetType().Name + ": " + e.Message;
                                }

                                var finished = Stopwatch.GetTimestamp();
                                if (finished < windowStart || finished > windowEnd)
                                {
                                    continue;
                                }

                                if (error is null)
                                {
                                    mine.Add(finished - started);
                                }
                                else
                                {
                                    errors[worker]++;
                                    Interlocked.CompareExchange(ref firstError, error, null);
                                }
                            }
                        },
                        cancellationToken
                    )
                )
        );
        await edges;

        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(
            all.Length,
            errors.Sum(),
            window.TotalSeconds,
            Percentile(all, 0.50),
            Percentile(all, 0.99),
            all.Length == 0 ? 0 : all.Average() * 1000.0 / Stopwatch.Frequency,
            firstError
        );
    }

    public static double Percentile(long[] sortedTicks, double p) =>
        sortedTicks.Length == 0
            ? 0
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)Math.Ceiling(p * sortedTicks.Length) - 1)]
                * 1000.0
                / Stopwatch.Frequency;
}
