using System.Text;
using SmartChain.Domain.Crypto;

namespace SmartChain.Tests.Domain.Crypto;

/// <summary>The shared key cache lends each imported key to one caller at a time and reuses returned ones.</summary>
public sealed class PublicKeyCacheTests
{
    [Fact]
    public void AKeyLentOutIsNeverLentTwiceAndAReturnedKeyIsReused()
    {
        using var wallet = SigningKey.Generate();
        var text = wallet.PublicKey.Base64Url;

        var first = PublicKeyCache.Rent(text)!;
        var second = PublicKeyCache.Rent(text)!;
        Assert.NotSame(first.Key, second.Key);
        Assert.Equal(Address.Of(wallet.PublicKey).Value, first.Address);
        Assert.Equal(first.Address, second.Address);

        var lent = first.Key;
        first.Dispose();
        using var third = PublicKeyCache.Rent(text)!;
        Assert.Same(lent, third.Key);
        second.Dispose();
    }

    [Fact]
    public void ConcurrentVerificationsWithOneWalletAllSucceed()
    {
        using var wallet = SigningKey.Generate();
        var text = wallet.PublicKey.Base64Url;
        var message = Encoding.UTF8.GetBytes("transfer");
        var signature = wallet.Sign(message);

        var results = new bool[2000];
        Parallel.For(
            0,
            results.Length,
            i =>
            {
                using var lease = PublicKeyCache.Rent(text)!;
                results[i] = lease.Key.Verify(message, signature);
            }
        );

        Assert.All(results, Assert.True);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-key")]
    public void SomethingThatIsNotAP256KeyIsNotLent(string? text) => Assert.Null(PublicKeyCache.Rent(text));
}
