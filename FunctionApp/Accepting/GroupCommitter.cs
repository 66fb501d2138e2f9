using System.Threading.Channels;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Group commit for open-mode transfers and data records: concurrent submissions wait in one queue; a few
/// writers each take up to 100 of them, give them ids in one shard and write them as one entity-group
/// transaction. Every waiting request is answered only after its batch is durable (or all of it fails), so
/// many requests cost one storage round trip.
/// </summary>
public sealed class GroupCommitter : IAsyncDisposable
{
    private const int Writers = 4;
    private const int BatchSize = 100;

    private readonly Channel<Submission> _queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = false });
    private readonly PendingStore _pending;
    private readonly AcceptanceSequence _sequence;
    private readonly Task[] _writers;
    private int _nextShard;

    public GroupCommitter(PendingStore pending, AcceptanceSequence sequence)
    {
        _pending = pending;
        _sequence = sequence;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Accepts one entry; <paramref name="entryFor"/> builds its block-entry text once its id is known. Returns the id, durable.</summary>
    public async Task<string> AcceptAsync(string chain, Func<string, string> entryFor, CancellationToken cancellationToken)
    {
        var submission = new Submission(chain, entryFor);
        await _queue.Writer.WriteAsync(submission, cancellationToken);
        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Submission>(BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < BatchSize && _queue.Reader.TryRead(out var submission))
            {
                batch.Add(submission);
            }

            foreach (var chain in batch.GroupBy(s => s.Chain))
            {
                await WriteAsync(chain.Key, chain.ToList());
            }

            batch.Clear();
        }
    }

    private async Task WriteAsync(string chain, List<Submission> submissions)
    {
        var shard = (int)((uint)Interlocked.Increment(ref _nextShard) % PendingStore.Shards);
        try
        {
            var entries = submissions.Select(s =>
            {
                var seq = _sequence.Next();
                var id = AcceptanceSequence.IdFor(shard, seq);
                return new PendingEntry(new PendingRef(shard, seq, id), s.EntryFor(id));
            }).ToList();
            await _pending.InsertAsync(chain, shard, entries, CancellationToken.None);
            for (var i = 0; i < submissions.Count; i++)
            {
                submissions[i].Done.TrySetResult(entries[i].Ref.Id);
            }
        }
        catch (Exception e)
        {
            foreach (var submission in submissions)
            {
                submission.Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Submission(string Chain, Func<string, string> EntryFor)
    {
        public TaskCompletionSource<string> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
