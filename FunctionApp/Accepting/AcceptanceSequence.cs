using System.Globalization;
using System.Security.Cryptography;

namespace SmartChain.FunctionApp.Accepting;

/// <summary>
/// Hands out acceptance sequence keys that sort by time across processes and never collide:
/// 11 hex digits of Unix milliseconds, 8 of a random per-process tag, 8 of a per-process counter.
/// Open-mode and record ids are the shard's hex digit followed by this key, so an id says where it waits.
/// </summary>
public sealed class AcceptanceSequence(TimeProvider clock)
{
    private readonly string _tag = RandomNumberGenerator.GetHexString(8, lowercase: true);
    private long _counter;

    public string Next()
    {
        var ms = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var n = Interlocked.Increment(ref _counter);
        return string.Create(CultureInfo.InvariantCulture, $"{ms:x11}{_tag}{n & 0xffffffffL:x8}");
    }

    public static string IdFor(int shard, string seq) => $"{shard:x}{seq}";

    /// <summary>The shard and sequence a node-assigned id names, or null when it is not one.</summary>
    public static (int Shard, string Seq)? Locate(string id) =>
        id.Length == 28 && id.All(char.IsAsciiHexDigitLower) ? (Convert.ToInt32(id[..1], 16), id[1..]) : null;
}
