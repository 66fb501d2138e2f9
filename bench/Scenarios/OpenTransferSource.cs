using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;
using SmartChain.FunctionApp.Accepting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Open-mode transfers exactly as the node makes them (OpenTransfer.ToEntry with node-assigned ids from
/// AcceptanceSequence), for filling the pending table or building chains without going through HTTP.
/// </summary>
public sealed class OpenTransferSource
{
    private readonly ChainRecord _chain;
    private readonly AcceptanceSequence _sequence;
    private readonly string _bpsc;
    private readonly Amount _amount;
    private long _made;

    public OpenTransferSource(ChainRecord chain, AcceptanceSequence sequence)
    {
        _chain = chain;
        _sequence = sequence;
        using var key = PublicKey.TryParse(chain.BpscPublicKey) ?? throw new InvalidDataException("chain has no valid BPSC key");
        _bpsc = Address.Of(key).Value;
        _amount = Amount.Parse("5.25", chain.Settings.Decimals).Amount;
    }

    public PendingEntry Next(int shard)
    {
        var seq = _sequence.Next();
        var id = AcceptanceSequence.IdFor(shard, seq);
        var n = Interlocked.Increment(ref _made);
        var transfer = new OpenTransfer($"wallet-{n % 1000}", _amount, $"shop-{n % 97}");
        return new PendingEntry(new PendingRef(shard, seq, id), transfer.ToEntry(id, _bpsc, _chain.Settings));
    }

    /// <summary>Entries spread over the pending shards in batches of 100, as group commit writes them.</summary>
    public List<(int Shard, List<PendingEntry> Entries)> Batches(int count)
    {
        var batches = new List<(int, List<PendingEntry>)>();
        for (int made = 0, b = 0; made < count; b++)
        {
            var shard = b % PendingStore.Shards;
            var size = Math.Min(100, count - made);
            batches.Add((shard, Enumerable.Range(0, size).Select(_ => Next(shard)).ToList()));
            made += size;
        }

        return batches;
    }
}
