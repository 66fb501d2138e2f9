using System.Globalization;
using System.Security.Cryptography;
using SmartChain.Domain.Transactions;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Hands out acceptance sequence keys that sort by time across processes and never collide:
/// 11 hex digits of Unix milliseconds, 8 of a random per-process tag, 8 of a per-process counter.
/// Open-mode and record ids are the shard's hex digit followed by this key, so an id says where it waits.
/// A group commit takes a range: one millisecond and tag, consecutive counters, so its ids sort in order and
/// the pending row holding them can be keyed by the first.
/// </summary>
public sealed class AcceptanceSequence(TimeProvider clock)
{
    private const int PrefixLength = 19; // milliseconds and tag: shared by every key of one range
    private const long CounterSpan = 1L << 32;

    private readonly string _tag = RandomNumberGenerator.GetHexString(8, lowercase: true);
    private long _counter;

    /// <summary>For tests: a sequence whose counter last handed out <paramref name="lastCounter"/>.</summary>
    internal AcceptanceSequence(TimeProvider clock, long lastCounter)
        : this(clock) => _counter = lastCounter;

    public string Next() => NextRange(1)[0];

    /// <summary><paramref name="count"/> consecutive keys of one millisecond, in order.</summary>
    public IReadOnlyList<string> NextRange(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        long first;
        long current;
        do
        {
            current = Volatile.Read(ref _counter);
            first = current + 1;
            if (first % CounterSpan + count > CounterSpan)
            {
                // The 8-digit counter would wrap inside the range and its keys would not sort: start past the wrap.
                first += CounterSpan - first % CounterSpan;
            }
        } while (Interlocked.CompareExchange(ref _counter, first + count - 1, current) != current);

        return Enumerable
            .Range(0, count)
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{ms:x11}{_tag}{(first + i) % CounterSpan:x8}"))
            .ToList();
    }

    /// <summary>
    /// The part of <paramref name="seq"/> that every key of its range shares: its millisecond and tag.
    /// </summary>
    public static string RangePrefix(string seq) => seq[..Math.Min(PrefixLength, seq.Length)];

    public static TxId IdFor(int shard, string seq) => TxId.Parse($"{shard:x}{seq}");

    /// <summary>The shard and sequence a node-assigned id names, or null when it is not one.</summary>
    public static (int Shard, string Seq)? Locate(TxId id) =>
        id.Value is { Length: 28 } text && text.All(char.IsAsciiHexDigitLower)
            ? (Convert.ToInt32(text[..1], 16), text[1..])
            : null;
}
