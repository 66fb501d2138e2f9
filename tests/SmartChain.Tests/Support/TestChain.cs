using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Money;
using SmartChain.Domain.Transactions;
using SmartChain.Domain.Verification;

namespace SmartChain.Tests.Support;

/// <summary>
/// Test-data builder for Domain tests: a chain's settings and BPSC key, and blocks forged one after another
/// (genesis first) from open transfers or data records, exactly as a BPSC would forge them.
/// </summary>
public sealed class TestChain : IDisposable
{
    private readonly List<Block> _blocks = [];
    private long _clockMs = 1_700_000_000_000;
    private int _nextId;

    private TestChain(ChainSettings settings)
    {
        Settings = settings;
        Key = SigningKey.Generate();
        Bpsc = Address.Of(Key.PublicKey).Value;
    }

    public ChainSettings Settings { get; }

    public SigningKey Key { get; }

    /// <summary>The BPSC's address, as open transfers name it in <c>bpsc</c>.</summary>
    public string Bpsc { get; }

    public IReadOnlyList<Block> Blocks => _blocks;

    public Block Head => _blocks[^1];

    /// <summary>An open-mode token chain (the article's <c>aka</c> by default) with its genesis block.</summary>
    public static TestChain Token(int decimals = 8, string id = "aka", FeeRate? feeRate = null)
    {
        var chain = new TestChain(
            new ChainSettings
            {
                Id = ChainId.Parse(id),
                Kind = ChainKind.Token,
                Decimals = decimals,
                FeeRate = feeRate ?? FeeRate.Default,
            }
        );
        chain.Forge();
        return chain;
    }

    /// <summary>A data chain (the article's chain2) with its genesis block.</summary>
    public static TestChain Data(string id = "data")
    {
        var chain = new TestChain(new ChainSettings { Id = ChainId.Parse(id), Kind = ChainKind.Data });
        chain.Forge();
        return chain;
    }

    /// <summary>The canonical block entry of an open transfer of <paramref name="amount"/> with a fresh id.</summary>
    public string Transfer(string amount, string sender = "alice", string recipient = "bob")
    {
        var parsed = Amount.Parse(amount, Settings.Decimals);
        Assert.True(parsed.IsValid, parsed.Error);
        return new OpenTransfer(sender, parsed.Amount, recipient).ToEntry(NextId(), Bpsc, Settings);
    }

    public string Record(string informationJson) => DataRecord.ToEntry(NextId(), informationJson);

    /// <summary>Forges, signs and appends the next block holding <paramref name="transactions"/>.</summary>
    public Block Forge(params string[] transactions)
    {
        var previous = _blocks.LastOrDefault();
        var block = BlockForger.Forge(
            Settings.Id.Value,
            (previous?.Index ?? 0) + 1,
            previous?.Hash ?? BlockHeader.GenesisPreviousHash,
            _clockMs += 1000,
            transactions,
            Key
        );
        _blocks.Add(block);
        return block;
    }

    /// <summary>Forges the next block of transfers of the given amounts.</summary>
    public Block ForgeTransfers(params string[] amounts) => Forge(amounts.Select(a => Transfer(a)).ToArray());

    /// <summary>A verifier holding this chain's settings and its real BPSC key (disposed with the chain).</summary>
    public BlockVerifier Verifier() => new(Settings, Key.PublicKey);

    public void Dispose() => Key.Dispose();

    private string NextId() => $"tx{++_nextId:D6}";
}
