using System.Diagnostics;
using System.Threading.Channels;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Group commit for entries that touch no account — open-mode transfers and data records, whose ids this node assigns
/// (<see cref="LedgerTransferCommitter"/> is the one for signed transfers, which reserve against accounts): concurrent
/// submissions wait in one queue; a few
/// writers each take up to 99 of them, give each chain's share ids in one shard from one sequence range and
/// write them as one pending row — a single-entity insert, whatever the group's size. A group never holds
/// more than its chain's max_block_tx (a block never splits a row). Every waiting request is answered only
/// after its row is durable (or all of the row fails), so many requests cost one storage round trip and one entity.
/// </summary>
public sealed class OpenEntryCommitter : IAsyncDisposable
{
    private const int Writers = 4;

    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(
        new UnboundedChannelOptions { SingleReader = false }
    );
    private readonly PendingStore _pending;
    private readonly AcceptanceSequence _sequence;
    private readonly Task[] _writers;
    private int _nextShard;

    public OpenEntryCommitter(PendingStore pending, AcceptanceSequence sequence)
    {
        _pending = pending;
        _sequence = sequence;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>
    /// Accepts one entry; <paramref name="entryFor"/> builds its block-entry text once its id is known. Returns the id,
    /// durable.
    /// </summary>
    public async Task<TxId> AcceptAsync(
        ChainRecord chain,
        Func<TxId, string> entryFor,
        CancellationToken cancellationToken
    )
    {
        var submission = new Submission(chain, entryFor);
        await _queue.Writer.WriteAsync(submission, cancellationToken);
        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Submission>(PendingRow.MaxEntries);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < PendingRow.MaxEntries && _queue.Reader.TryRead(out var submission))
            {
                batch.Add(submission);
            }

            var groups = batch
                .GroupBy(s => s.Chain.Id)
                .SelectMany(chain =>
                    chain.Chunk(Math.Min(PendingRow.MaxEntries, chain.First().Chain.Settings.MaxBlockTx))
                );
            await Task.WhenAll(groups.Select(group => WriteAsync(group[0].Chain.Id, group)));
            batch.Clear();
        }
    }

    private async Task WriteAsync(ChainId chain, IReadOnlyList<Submission> submissions)
    {
        var shard = (int)((uint)Interlocked.Increment(ref _nextShard) % PendingStore.Shards);
        using var span = Telemetry.StartBatch("smartchain.group_commit", chain, submissions.Select(s => s.Cause));
        try
        {
            var seqs = _sequence.NextRange(submissions.Count);
            var ids = seqs.Select(seq => AcceptanceSequence.IdFor(shard, seq)).ToList();
            var texts = submissions.Select((s, i) => s.EntryFor(ids[i])).ToList();
            var sizes = texts.Select((text, i) => PendingRow.CharsOf(ids[i], text)).ToList();
            await Task.WhenAll(
                Rows(sizes)
                    .Select(async row =>
                    {
                        var entries = row.Select(i => new PendingEntry(
                                new PendingRef(shard, seqs[row[0]], ids[i]),
                                texts[i]
                            ))
                            .ToList();
                        await _pending.InsertAsync(chain, entries, CancellationToken.None);
                        AcceptanceMetrics.RecordGroup("open", entries.Count);
                        foreach (var i in row)
                        {
                            submissions[i].Done.TrySetResult(ids[i]);
                        }
                    })
            );
        }
        catch (Exception e)
        {
            // Requests whose row was stored are answered already; TrySetException leaves them be.
            foreach (var submission in submissions)
            {
                submission.Done.TrySetException(e);
            }
        }
    }

    /// <summary>
    /// The positions of a group's entries (of the given sizes in characters) cut into rows under
    /// <see cref="PendingRow.MaxChars"/>: one row, unless records near their 16 KiB limit would make it too large
    /// for one entity. Each row is keyed by its first entry's sequence.
    /// </summary>
    private static List<List<int>> Rows(IReadOnlyList<int> sizes)
    {
        var rows = new List<List<int>>();
        var chars = 0;
        for (var i = 0; i < sizes.Count; i++)
        {
            if (rows.Count == 0 || chars + sizes[i] > PendingRow.MaxChars)
            {
                rows.Add([]);
                chars = 0;
            }

            rows[^1].Add(i);
            chars += sizes[i];
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Submission(ChainRecord Chain, Func<TxId, string> EntryFor)
    {
        public TaskCompletionSource<TxId> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// The submitting request's span: the group's write is traced under it (<see cref="Telemetry.StartBatch"/>).
        /// </summary>
        public ActivityContext Cause { get; } = Activity.Current?.Context ?? default;
    }
}
