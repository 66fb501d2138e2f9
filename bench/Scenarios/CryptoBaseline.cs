using System.Diagnostics;
using System.Security.Cryptography;
using SmartChain.Domain.Crypto;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// The machine's raw rates on all cores (Parallel.For, one key object per thread): ECDSA P-256 verifies of a
/// P1363 signature through the Domain's PublicKey (what checking a signed transfer costs), and SHA-256 of
/// ~300-byte inputs (what one Merkle leaf of an open transfer costs).
/// </summary>
public static class CryptoBaseline
{
    public const int InputBytes = 300;

    public static double EcdsaVerifiesPerSecond(TimeSpan duration)
    {
        var data = RandomNumberGenerator.GetBytes(InputBytes);
        using var key = SigningKey.Generate();
        var signature = key.Sign(data);
        var spki = key.PublicKey.Spki;
        return OnAllCores(
            duration,
            () =>
            {
                var publicKey = PublicKey.FromSpki(spki);
                return () =>
                {
                    if (!publicKey.Verify(data, signature))
                    {
                        throw new InvalidOperationException("a valid signature did not verify");
                    }
                };
            }
        );
    }

    public static double Sha256PerSecond(TimeSpan duration)
    {
        var data = RandomNumberGenerator.GetBytes(InputBytes);
        return OnAllCores(
            duration,
            () =>
            {
                var hash = new byte[32];
                return () => SHA256.HashData(data, hash);
            }
        );
    }

    /// <summary>
    /// Runs a per-thread operation on every core until the duration is up; answers operations per second in total.
    /// </summary>
    private static double OnAllCores(TimeSpan duration, Func<Action> perThread)
    {
        var cores = Environment.ProcessorCount;
        var counts = new long[cores];
        var clock = Stopwatch.StartNew();
        Parallel.For(
            0,
            cores,
            new ParallelOptions { MaxDegreeOfParallelism = cores },
            core =>
            {
                var operation = perThread();
                long n = 0;
                while (clock.Elapsed < duration)
                {
                    for (var i = 0; i < 64; i++)
                    {
                        operation();
                    }

                    n += 64;
                }

                counts[core] = n;
            }
        );
        return counts.Sum() / clock.Elapsed.TotalSeconds;
    }
}
