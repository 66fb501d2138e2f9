using System.Globalization;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Production;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Production;

/// <summary>
/// What waits for a chain's next block, as the scheduled forge's rule (<see cref="ForgeTrigger.Due"/>) needs it, read
/// from the pending rows (<see cref="PendingStore.ReadBacklogAsync"/>): every instance and every restart sees the same
/// state.
/// </summary>
public sealed class PendingBacklog(PendingStore pending)
{
    /// <summary>Leading hex digits of an acceptance sequence: its Unix milliseconds (see AcceptanceSequence).</summary>
    private const int MillisecondDigits = 11;

    /// <summary>
    /// The pending state of <paramref name="chain"/>, counting entries only until <paramref name="countUpTo"/>.
    /// Rows in <paramref name="forged"/> (shard, sequence) are already in the head block, whose follow-up has not
    /// moved them yet: they wait for nothing, so they are not counted.
    /// </summary>
    public async Task<PendingState> ReadAsync(
        ChainId chain,
        long countUpTo,
        IReadOnlySet<(int Shard, string Seq)> forged,
        CancellationToken cancellationToken
    )
    {
        var (count, oldest) = await pending.ReadBacklogAsync(chain, countUpTo, forged, cancellationToken);
        return new PendingState(count, oldest is null ? null : AcceptedAt(oldest));
    }

    private static DateTimeOffset AcceptedAt(string seq) =>
        DateTimeOffset.FromUnixTimeMilliseconds(
            long.Parse(seq[..MillisecondDigits], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        );
}
