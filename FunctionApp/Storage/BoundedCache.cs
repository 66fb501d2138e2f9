using System.Collections.Concurrent;

namespace SmartChain.FunctionApp.Storage;

/// <summary>
/// Values that never change once stored, kept in memory by key. Bounded: past <c>capacity</c> entries, a tenth of
/// them (whichever come first) make room before more are kept.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
    where TValue : class
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    public TValue? Find(TKey key) => _values.GetValueOrDefault(key);

    public void Keep(IEnumerable<KeyValuePair<TKey, TValue>> values)
    {
        if (_values.Count >= capacity)
        {
            foreach (var old in _values.Keys.Take(capacity / 10))
            {
                _values.TryRemove(old, out _);
            }
        }

        foreach (var (key, value) in values)
        {
            _values[key] = value;
        }
    }
}
