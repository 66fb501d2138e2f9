using System.Collections.Concurrent;
using SmartChain.Domain.Chains;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// Serializes forging per chain inside one process and coalesces requests: every caller gets a forge that
/// starts after its call, and callers that arrive while one is queued share it. So an entry made durable
/// before <see cref="ForgeSoonAsync"/> is in that forge's block unless the block is full.
/// </summary>
public sealed class ForgeGate(BlockProducer producer)
{
    private readonly ConcurrentDictionary<ChainId, ChainGate> _gates = new();

    public Task<ForgeOutcome> ForgeSoonAsync(
        Storage.ChainRecord chain,
        bool allowEmpty,
        CancellationToken cancellationToken
    ) =>
        // The forge itself is not cancelled with one caller: others may share it.
        _gates
            .GetOrAdd(chain.Id, _ => new ChainGate())
            .Next(allowEmpty, () => producer.ForgeAsync(chain, allowEmpty, CancellationToken.None))
            .WaitAsync(cancellationToken);

    private sealed class ChainGate
    {
        private readonly Lock _lock = new();
        private Task _current = Task.CompletedTask;
        private Task<ForgeOutcome>? _queued;
        private bool _queuedAllowsEmpty;

        public Task<ForgeOutcome> Next(bool allowEmpty, Func<Task<ForgeOutcome>> forge)
        {
            lock (_lock)
            {
                // Share the queued forge unless this caller needs a block even when nothing is pending and it does not.
                if (_queued is not null && (_queuedAllowsEmpty || !allowEmpty))
                {
                    return _queued;
                }

                var previous = _current;
                Task<ForgeOutcome>? queued = null;
                queued = RunAfterAsync(
                    previous,
                    () =>
                    {
                        lock (_lock)
                        {
                            // From here on, new callers need a later forge: this one may already have read pending.
                            if (_queued == queued)
                            {
                                _queued = null;
                            }
                        }

                        return forge();
                    }
                );
                _queued = queued;
                _queuedAllowsEmpty = allowEmpty;
                _current = queued;
                return queued;
            }
        }

        private static async Task<ForgeOutcome> RunAfterAsync(Task previous, Func<Task<ForgeOutcome>> forge)
        {
            // Never run inline: the caller must publish this task as queued before it starts.
            await Task.Yield();
            try
            {
                await previous;
            }
            catch (Exception)
            {
                // The previous forge's failure belongs to its own callers.
            }

            return await forge();
        }
    }
}
