using System.Collections.Concurrent;

namespace SmartChain.Domain.Crypto;

/// <summary>
/// Imported public keys and their addresses, by their base64url text, shared by all threads. Importing and checking
/// an SPKI costs about as much as an ECDSA verify, and a ledger chain's transfers come from a limited set of wallets,
/// so each wallet's key is imported once and then lent out: a lease holds a key no other thread uses until it is
/// returned (an <c>ECDsa</c> instance is not documented as safe for concurrent use). A key is imported again only
/// when every imported copy of it is lent out at that moment.
/// </summary>
public static class PublicKeyCache
{
    private const int MaxWallets = 4096;
    private const int MaxIdlePerWallet = 4;

    private static readonly ConcurrentDictionary<string, Wallet> Wallets = new(StringComparer.Ordinal);

    /// <summary>
    /// A lease on the key and its address, or null when <paramref name="base64Url"/> is not a P-256 SPKI.
    /// </summary>
    public static Lease? Rent(string? base64Url)
    {
        if (base64Url is null)
        {
            return null;
        }

        if (Wallets.TryGetValue(base64Url, out var wallet) && wallet.Idle.TryDequeue(out var idle))
        {
            return new Lease(wallet, idle);
        }

        var key = PublicKey.TryParse(base64Url);
        if (key is null)
        {
            return null;
        }

        if (wallet is null)
        {
            if (Wallets.Count >= MaxWallets)
            {
                Wallets.Clear(); // bounded memory: keys lent out go back to a wallet no longer listed, left to the GC
            }

            wallet = Wallets.GetOrAdd(base64Url, _ => new Wallet(Address.Of(key).Value));
        }

        return new Lease(wallet, key);
    }

    /// <summary>A key lent to one caller; disposing it gives the key back.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly Wallet _wallet;

        internal Lease(Wallet wallet, PublicKey key)
        {
            _wallet = wallet;
            Key = key;
        }

        public PublicKey Key { get; }

        public string Address => _wallet.Address;

        public void Dispose()
        {
            if (_wallet.Idle.Count < MaxIdlePerWallet)
            {
                _wallet.Idle.Enqueue(Key);
            }
            else
            {
                Key.Dispose();
            }
        }
    }

    internal sealed class Wallet(string address)
    {
        public string Address { get; } = address;

        public ConcurrentQueue<PublicKey> Idle { get; } = new();
    }
}
