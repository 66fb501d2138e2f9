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
        using var key =
            PublicKey.TryParse(chain.BpscPublicKey) ?? throw new InvalidDataException("chain has no valid BPSC key");
        _bpsc = Address.Of(key).Value;
        _amount = Amount.Parse("5.25", chain.Settings.Decimals).Amount;
    }

    /// <summary>One entry in a pending row of its own.</summary>
    public PendingEntry Next(int shard) => Row(shard, 1)[0];

    /// <summary>
    /// A pending row of <paramref name="size"/> entries, ids from one sequence range, as group commit makes one.
    /// </summary>
    public List<PendingEntry> Row(int shard, int size)
    {
        var seqs = _sequence.NextRange(size);
        return seqs.Select(seq =>
            {
                var id = AcceptanceSequence.IdFor(shard, seq);
                var n = Interlocked.Increment(ref _made);
                var transfer = new OpenTransfer($"wallet-{n % 1000}", _amount, $"shop-{n % 97}");
                var text = transfer.ToEntry(id.Value, _bpsc, _chain.Settings);
                return new PendingEntry(new PendingRef(shard, seqs[0], id), text);
            })
            .ToList();
    }

    /// <summary>
    /// Entries spread over the pending shards in full rows of 99, as group commit writes them under load.
    /// </summary>
    public List<List<PendingEntry>> Rows(int count)
    {
        var rows = new List<List<PendingEntry>>();
        for (int made = 0, r = 0; made < count; r++)
        {
            var size = Math.Min(PendingRow.MaxEntries, count - made);
            rows.Add(Row(r % PendingStore.Shards, size));
            made += size;
        }

        return rows;
    }
}
