using System.Buffers.Binary;

namespace SmartChain.Domain.Log;

/// <summary>
/// A C2SP tlog-tiles entry bundle: each entry as a big-endian uint16 length followed by its bytes. The uint16 is why
/// an entry of a SmartChain log is at most <see cref="MaxEntrySize"/> bytes.
/// </summary>
public static class EntryBundle
{
    public const int MaxEntrySize = ushort.MaxValue;

    /// <exception cref="ArgumentException">An entry is over <see cref="MaxEntrySize"/> bytes.</exception>
    public static byte[] Encode(IReadOnlyList<byte[]> entries)
    {
        var bundle = new byte[entries.Sum(e => 2 + e.Length)];
        var at = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > MaxEntrySize)
            {
                throw new ArgumentException($"a log entry is at most {MaxEntrySize} bytes, this one is {entry.Length}");
            }

            BinaryPrimitives.WriteUInt16BigEndian(bundle.AsSpan(at), (ushort)entry.Length);
            entry.CopyTo(bundle, at + 2);
            at += 2 + entry.Length;
        }

        return bundle;
    }

    /// <summary>Null when the bytes are not a sequence of length-prefixed entries.</summary>
    public static IReadOnlyList<byte[]>? TryDecode(ReadOnlySpan<byte> bundle)
    {
        var entries = new List<byte[]>();
        while (bundle.Length > 0)
        {
            if (bundle.Length < 2)
            {
                return null;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bundle);
            if (bundle.Length < 2 + length)
            {
                return null;
            }

            entries.Add(bundle.Slice(2, length).ToArray());
            bundle = bundle[(2 + length)..];
        }

        return entries;
    }
}
