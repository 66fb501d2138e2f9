using System.Text;
using System.Text.Json.Nodes;
using SmartChain.Domain.Canonical;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;
using SmartChain.Domain.Money;

namespace SmartChain.Bench.Scenarios;

/// <summary>
/// Signed ledger transfers (SPEC §6) among wallets funded at genesis, as block entries exactly as the BPSC writes
/// them (SignedTransfer.ToEntry). Wallet i pays wallet i+1 in turn, nonces in order, so the chain replays
/// cleanly under the ledger rules. Signing runs on all cores; the bench trusts its own signatures rather
/// than re-verifying them, which is the replica's job being measured.
/// </summary>
public sealed class SignedTransferSource : IDisposable
{
    private readonly SigningKey[] _wallets;
    private readonly string[] _addresses;
    private readonly string[] _publicKeys;
    private readonly long[] _nonces;
    private readonly Amount _amount;
    private readonly string _bpsc;
    private readonly ChainSettings _chain;

    private SignedTransferSource(ChainSettings chain, SigningKey[] wallets, string bpsc)
    {
        _chain = chain;
        _wallets = wallets;
        _addresses = wallets.Select(w => Address.Of(w.PublicKey).Value).ToArray();
        _publicKeys = wallets.Select(w => w.PublicKey.Base64Url).ToArray();
        _nonces = new long[wallets.Length];
        _amount = Amount.Parse("1", chain.Decimals).Amount;
        _bpsc = bpsc;
    }

    /// <summary>
    /// The settings of a ledger chain whose genesis funds <paramref name="wallets"/> generously, and its issuer.
    /// </summary>
    public static ChainSettings Settings(string id, SigningKey[] wallets, SigningKey issuer) =>
        new()
        {
            Id = ChainId.Parse(id),
            Kind = ChainKind.Token,
            Mode = TokenMode.Ledger,
            Policy = ProductionPolicy.Manual,
            IssuerPublicKey = issuer.PublicKey.Base64Url,
            Genesis = wallets
                .Select(w => new GenesisAllocation(Address.Of(w.PublicKey).Value, Amount.Parse("1000000000", 8).Amount))
                .ToList(),
        };

    public static SignedTransferSource For(ChainSettings chain, SigningKey[] wallets, string bpscAddress) =>
        new(chain, wallets, bpscAddress);

    /// <summary>
    /// The next <paramref name="count"/> entries: entry i is from wallet i mod W, so each wallet's nonces rise in block
    /// order.
    /// </summary>
    public List<string> Next(int count)
    {
        var first = _nonces.ToArray();
        var entries = new string[count];
        // One thread per wallet: a key never signs on two threads at once.
        Parallel.For(
            0,
            _wallets.Length,
            w =>
            {
                for (var i = w; i < count; i += _wallets.Length)
                {
                    entries[i] = Entry(w, (w + 1) % _wallets.Length, first[w] + (i / _wallets.Length));
                }
            }
        );
        for (var i = 0; i < count; i++)
        {
            _nonces[i % _wallets.Length]++;
        }

        return entries.ToList();
    }

    private string Entry(int from, int to, long nonce)
    {
        var payload = new JsonObject
        {
            ["chain"] = _chain.Id.Value,
            ["sender"] = _addresses[from],
            ["recipient"] = _addresses[to],
            ["amount"] = _amount.ToString(),
            ["nonce"] = nonce,
        };
        var canonical = CanonicalJson.ToBytes(payload);
        var transfer = new SignedTransfer
        {
            Id = Sha256Hex.Of(canonical),
            Type = "transfer",
            Sender = _addresses[from],
            Recipient = _addresses[to],
            Amount = _amount,
            Nonce = nonce,
            PayloadCanonical = Encoding.UTF8.GetString(canonical),
            PublicKey = _publicKeys[from],
            Signature = Base64Url.Encode(_wallets[from].Sign(canonical)),
        };
        return transfer.ToEntry(_bpsc, _chain);
    }

    public void Dispose()
    {
        foreach (var wallet in _wallets)
        {
            wallet.Dispose();
        }
    }
}
