using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Observability;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Group commit for signed ledger transfers, which reserve against their sender's account (entries that touch no
/// account go through <see cref="OpenEntryCommitter"/>): concurrent acceptances whose senders share a shard wait in
/// that shard's queue, and its writer takes up to <see cref="MaxTransfers"/> of them (never two of one sender: the
/// second's nonce depends on the first), judges each against its sender's account as remembered or read, and writes
/// those that pass in one entity-group transaction
/// (<see cref="AccountStore.AcceptAsync(ChainId, IReadOnlyList{Reservation}, CancellationToken)"/>).
/// Nothing is refused here: a transfer that looks refusable, or whose transaction failed on an ETag or a conflict
/// (then none of it was stored), is answered false, to be judged alone from a fresh read. Each request is answered
/// only after its transaction is durable.
/// </summary>
public sealed class LedgerTransferCommitter(AccountStore accounts, AcceptanceSequence sequence) : IAsyncDisposable
{
    /// <summary>
    /// Two actions per transfer (account, id index) and one pending row: inside the 100 of a transaction.
    /// </summary>
    public const int MaxTransfers = 49;

    private readonly ConcurrentDictionary<(ChainId Chain, int Shard), Lazy<ShardQueue>> _queues = new();

    /// <summary>
    /// True once <paramref name="entry"/> (the canonical text of transfer <paramref name="id"/>) is durably accepted,
    /// with <paramref name="reserve"/> reserved and the nonce advanced; false when it must be judged alone.
    /// </summary>
    public async Task<bool> TryAcceptAsync(
        ChainRecord chain,
        Address sender,
        long nonce,
        Amount reserve,
        TxId id,
        string entry,
        CancellationToken cancellationToken
    )
    {
        var submission = new Submission(sender, nonce, reserve, id, entry);
        var key = (chain.Id, AccountStore.ShardOf(sender));
        var queue = _queues.GetOrAdd(key, k => new Lazy<ShardQueue>(() => new ShardQueue(chain, k.Shard, this))).Value;
        await queue.Channel.Writer.WriteAsync(submission, cancellationToken);
        return await submission.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task WriteLoopAsync(ChainRecord chain, int shard, ChannelReader<Submission> reader)
    {
        var limit = Math.Min(MaxTransfers, chain.Settings.MaxBlockTx);
        var held = new List<Submission>();
        while (held.Count > 0 || await reader.WaitToReadAsync())
        {
            var batch = new List<Submission>(limit);
            var senders = new HashSet<Address>();
            var chars = 0;
            var waiting = held;
            held = [];
            foreach (var submission in waiting)
            {
                Take(submission);
            }

            while (batch.Count < limit && reader.TryRead(out var submission))
            {
                Take(submission);
            }

            await WriteAsync(chain.Id, shard, batch);

            void Take(Submission submission)
            {
                var size = PendingRow.CharsOf(submission.Id, submission.Entry);
                if (
                    batch.Count < limit
                    && (batch.Count == 0 || chars + size <= PendingRow.MaxChars)
                    && senders.Add(submission.Sender)
                )
                {
                    batch.Add(submission);
                    chars += size;
                }
                else
                {
                    held.Add(submission);
                }
            }
        }
    }

    private async Task WriteAsync(ChainId chain, int shard, IReadOnlyList<Submission> batch)
    {
        using var span = Telemetry.StartBatch("smartchain.group_commit", chain, batch.Select(s => s.Cause));
        try
        {
            var read = await Task.WhenAll(
                batch.Select(s => accounts.ReadForAcceptAsync(chain, s.Sender, CancellationToken.None))
            );
            var passing = new List<(Submission Submission, Account Account)>();
            for (var i = 0; i < batch.Count; i++)
            {
                var account = read[i].Account;
                if (TransferRule.Judge(account.View, batch[i].Sender.Value, batch[i].Nonce, batch[i].Reserve) is null)
                {
                    passing.Add((batch[i], account));
                }
                else
                {
                    // A refusal (or a resubmission's answer) needs a fresh read and its precise reason: the single path
                    // gives both.
                    batch[i].Done.TrySetResult(false);
                }
            }

            if (passing.Count == 0)
            {
                return;
            }

            var seq = sequence.Next();
            var reservations = passing
                .Select(p => new Reservation(
                    p.Account,
                    p.Submission.Reserve,
                    new PendingEntry(new PendingRef(shard, seq, p.Submission.Id), p.Submission.Entry)
                ))
                .ToList();
            var stored = await accounts.AcceptAsync(chain, reservations, CancellationToken.None);
            AcceptanceMetrics.RecordGroup("ledger", reservations.Count);
            foreach (var (submission, _) in passing)
            {
                submission.Done.TrySetResult(stored);
            }
        }
        catch (Exception e)
        {
            foreach (var submission in batch)
            {
                submission.Done.TrySetException(e);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        var queues = _queues.Values.Select(q => q.Value).ToList();
        foreach (var queue in queues)
        {
            queue.Channel.Writer.TryComplete();
        }

        await Task.WhenAll(queues.Select(q => q.Writer));
    }

    private sealed class ShardQueue
    {
        public ShardQueue(ChainRecord chain, int shard, LedgerTransferCommitter committer) =>
            Writer = Task.Run(() => committer.WriteLoopAsync(chain, shard, Channel.Reader));

        public Channel<Submission> Channel { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<Submission>(
                new UnboundedChannelOptions { SingleReader = true }
            );

        public Task Writer { get; }
    }

    private sealed record Submission(Address Sender, long Nonce, Amount Reserve, TxId Id, string Entry)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// The submitting request's span: the shard's write is traced under it (<see cref="Telemetry.StartBatch"/>).
        /// </summary>
        public ActivityContext Cause { get; } = Activity.Current?.Context ?? default;
    }
}
