using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Where an accepted entry waits: its shard, the sequence that keys the pending row holding it (the acceptance
/// sequence of the row's first entry, shared by every entry of the row), and its id.
/// </summary>
public readonly record struct PendingRef(int Shard, string Seq, TxId Id)
{
    public override string ToString() => $"{Shard:x}:{Seq}:{Id}";

    public static PendingRef Parse(string text)
    {
        var parts = text.Split(':');
        return new PendingRef(Convert.ToInt32(parts[0], 16), parts[1], TxId.Parse(parts[2]));
    }
}
