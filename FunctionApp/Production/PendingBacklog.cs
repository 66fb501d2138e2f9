using System.Globalization;
using Azure.Data.Tables;
using SmartChain.Domain.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// Reads what waits for a chain's next block from the pending rows (keys and ids only, no entry text), for the
/// scheduled forge's rule (<see cref="ForgeTrigger.Due"/>): every instance and every restart sees the same state.
/// </summary>
public sealed class PendingBacklog(Tables tables)
{
    /// <summary>Leading hex digits of an acceptance sequence: its Unix milliseconds (see AcceptanceSequence).</summary>
    private const int MillisecondDigits = 11;

    /// <summary>
    /// The pending state of <paramref name="chain"/>, counting entries only until <paramref name="countUpTo"/>.
    /// Rows in <paramref name="forged"/> (shard, sequence) are already in the head block, whose follow-up has not
    /// moved them yet: they wait for nothing, so they are not counted.
    /// </summary>
    public async Task<PendingState> ReadAsync(
        string chain, long countUpTo, IReadOnlySet<(int Shard, string Seq)> forged, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, PendingStore.Shards)
            .Select(shard => ReadShardAsync(chain, shard, countUpTo, forged, cancellationToken)));
        var count = shards.Sum(s => s.Count);
        var oldest = shards.Where(s => s.OldestSeq is not null).Select(s => s.OldestSeq!).Order(StringComparer.Ordinal).FirstOrDefault();
        return new PendingState(count, oldest is null ? null : AcceptedAt(oldest));
    }

    private async Task<(long Count, string? OldestSeq)> ReadShardAsync(
        string chain, int shard, long countUpTo, IReadOnlySet<(int, string)> forged, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {PendingStore.Partition(chain, shard)} and RowKey ge {"p"} and RowKey lt {"q"}");
        long count = 0;
        string? oldest = null;
        await foreach (var row in tables.Pending.QueryAsync<TableEntity>(filter, select: ["RowKey", "Ids"], cancellationToken: cancellationToken))
        {
            if (forged.Contains((shard, row.RowKey[1..])))
            {
                continue;
            }

            // Rows sort by acceptance: the first one is this shard's oldest.
            oldest ??= row.RowKey[1..];
            count += PendingRow.Ids(row).Length;
            if (count >= countUpTo)
            {
                break;
            }
        }

        return (count, oldest);
    }

    private static DateTimeOffset AcceptedAt(string seq) =>
        DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(seq[..MillisecondDigits], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
