using System.Text.Json;
using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;
using SmartChain.Domain.Verification;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Domain.Verification;

/// <summary>A replica's view: blocks correctly signed by the BPSC that still break a ledger rule are refused.</summary>
public sealed class LedgerVerificationTests : IDisposable
{
    private readonly SigningKey _bpsc = SigningKey.Generate();
    private readonly TestWallet _issuer = new();
    private readonly TestWallet _alice = new();
    private readonly ChainSettings _chain;

    public LedgerVerificationTests()
    {
        _chain = new ChainSettings
        {
            Id = ChainId.Parse("gold"),
            Kind = ChainKind.Token,
            Mode = TokenMode.Ledger,
            Decimals = 2,
            IssuerPublicKey = _issuer.PublicKey,
            Genesis = [new GenesisAllocation(_alice.Address, Amount.Parse("100", 2).Amount)],
        };
    }

    private string BpscAddress => Address.Of(_bpsc.PublicKey).Value;

    [Fact]
    public void HonestLedgerChainVerifies()
    {
        var verifier = new ChainVerifier(_chain, _bpsc.PublicKey);
        Assert.Null(verifier.Append(Genesis()));
        Assert.Null(verifier.Append(Next(Genesis(), Entry(_alice.Transfer("gold", _issuer.Address, "40", 0)))));
        Assert.Equal("60", verifier.Ledger!.BalanceOf(_alice.Address).ToString());
        Assert.Null(verifier.Ledger.CheckSupply());
    }

    [Fact]
    public void ReplicaRefusesSignedBlockThatOverdraws()
    {
        var verifier = new ChainVerifier(_chain, _bpsc.PublicKey);
        var genesis = Genesis();
        Assert.Null(verifier.Append(genesis));

        var error = verifier.Append(Next(genesis, Entry(_alice.Transfer("gold", _issuer.Address, "100.01", 0))));

        Assert.Contains("less than 100.01", error);
    }

    [Fact]
    public void ReplicaRefusesSignedBlockThatReplaysANonce()
    {
        var verifier = new ChainVerifier(_chain, _bpsc.PublicKey);
        var genesis = Genesis();
        verifier.Append(genesis);
        var twice = Entry(_alice.Transfer("gold", _issuer.Address, "1", 0));

        var error = verifier.Append(Next(genesis, twice, Entry(_alice.Transfer("gold", _issuer.Address, "2", 0))));

        Assert.Contains("nonce 0", error);
    }

    [Fact]
    public void ReplicaRefusesMintNotSignedByIssuer()
    {
        var verifier = new ChainVerifier(_chain, _bpsc.PublicKey);
        var genesis = Genesis();
        verifier.Append(genesis);
        var forged = JsonSerializer.Serialize(
            new
            {
                id = "x",
                type = "mint",
                sender = _alice.Address,
                amount_send = "5",
                bpsc = BpscAddress,
                amount_bpsc = "0",
                recipient = _alice.Address,
                amount_receive = "5",
                payload = new
                {
                    chain = "gold",
                    sender = _alice.Address,
                    recipient = _alice.Address,
                    amount = "5",
                    nonce = 0,
                    type = "mint",
                },
                public_key = _alice.PublicKey,
                signature = "AA",
            }
        );

        var error = verifier.Append(
            Next(genesis, SmartChain.Domain.Canonical.CanonicalJson.ToText(JsonDocument.Parse(forged).RootElement))
        );

        Assert.Contains("transaction 0", error);
    }

    [Fact]
    public void ReplicaRefusesRefundWithoutReason()
    {
        var verifier = new ChainVerifier(_chain, _bpsc.PublicKey);
        var genesis = Genesis();
        verifier.Append(genesis);
        var transfer = SignedTransfer.TryRead(
            JsonSerializer.SerializeToElement(_alice.Transfer("gold", _issuer.Address, "5", 0)),
            _chain,
            out _
        )!;

        var error = verifier.Append(Next(genesis, LedgerDelivery.ToRefund(transfer, LedgerDelivery.RecipientBlocked)));

        Assert.Contains("refund reason", error);
    }

    private Block Genesis() =>
        BlockForger.Forge(
            "gold",
            1,
            BlockHeader.GenesisPreviousHash,
            1,
            GenesisEntries.For(_chain, BpscAddress),
            _bpsc
        );

    private Block Next(Block previous, params string[] entries) =>
        BlockForger.Forge("gold", previous.Index + 1, previous.Hash, previous.Header.TimestampMs + 1, entries, _bpsc);

    private string Entry(System.Text.Json.Nodes.JsonObject request) =>
        SignedTransfer
            .TryRead(JsonSerializer.SerializeToElement(request), _chain, out var rejection)
            ?.ToEntry(BpscAddress, _chain)
        ?? throw new InvalidOperationException(rejection!.Detail);

    public void Dispose()
    {
        _bpsc.Dispose();
        _issuer.Dispose();
        _alice.Dispose();
    }
}
