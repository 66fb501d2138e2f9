namespace SmartChain.Domain.Crypto;

/// <summary>
/// Imported public keys and their addresses, per thread, by their base64url text. Importing and checking an SPKI
/// costs several times an ECDSA verify, and a ledger chain's transfers come from a limited set of wallets, so a
/// replica verifying a chain imports each wallet's key once per thread instead of once per transfer. Per thread,
/// so no ECDsa instance is ever used by two threads at once. Keys are valid only until the thread's next call.
/// </summary>
public static class PublicKeyCache
{
    private const int MaxKeysPerThread = 4096;

    [ThreadStatic]
    private static Dictionary<string, (PublicKey Key, string Address)>? _keys;

    /// <summary>The key and its address, or null when <paramref name="base64Url"/> is not a P-256 SPKI. Never dispose the key.</summary>
    public static (PublicKey Key, string Address)? Get(string? base64Url)
    {
        if (base64Url is null)
        {
            return null;
        }

        var keys = _keys ??= new Dictionary<string, (PublicKey, string)>(StringComparer.Ordinal);
        if (keys.TryGetValue(base64Url, out var cached))
        {
            return cached;
        }

        var key = PublicKey.TryParse(base64Url);
        if (key is null)
        {
            return null;
        }

        if (keys.Count >= MaxKeysPerThread)
        {
            foreach (var (old, _) in keys.Values)
            {
                old.Dispose();
            }

            keys.Clear();
        }

        return keys[base64Url] = (key, Address.Of(key).Value);
    }
}
