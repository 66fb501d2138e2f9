using SmartChain.Domain.Chains;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Receipts read from receipt rows, kept by id: a receipt row is written once, when its block commits, and never
/// changed or removed, so what it says of an entry is final. A lookup of an entry whose row was read before makes no
/// storage request. Bounded: past <see cref="Capacity"/> receipts, a tenth of them make room.
/// </summary>
public sealed class ReceiptCache
{
    private const int Capacity = 200_000;
    private readonly BoundedCache<(ChainId Chain, TxId Id), Receipt> _receipts = new(Capacity);

    public Receipt? Find(ChainId chain, TxId id) => _receipts.Find((chain, id));

    /// <summary>Keeps every receipt of a row read from storage.</summary>
    public void Keep(ChainId chain, IEnumerable<Receipt> receipts) =>
        _receipts.Keep(receipts.Select(r => KeyValuePair.Create((chain, r.Id), r)));
}
