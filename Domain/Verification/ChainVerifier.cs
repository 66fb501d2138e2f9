using SmartChain.Domain.Blocks;
using SmartChain.Domain.Chains;
using SmartChain.Domain.Crypto;
using SmartChain.Domain.Ledger;

namespace SmartChain.Domain.Verification;

/// <summary>
/// Verifies a whole chain block after block, trusting nothing but the pinned BPSC key: every block's
/// contents (<see cref="Prepare"/>, thread-safe, so a page of blocks can be checked in parallel), then in
/// order its link to the previous block and, on ledger chains, the ledger rules and the supply invariant.
/// </summary>
public sealed class ChainVerifier(ChainSettings chain, PublicKey bpscKey)
{
    private readonly BlockVerifier _blocks = new(chain, bpscKey);

    public long Height { get; private set; }

    public string? HeadHash { get; private set; }

    /// <summary>The replayed ledger of a ledger chain; null for other chains.</summary>
    public LedgerState? Ledger { get; } =
        chain.IsLedger ? new LedgerState(Address.Of(bpscKey).Value, chain.FeePolicy) : null;

    /// <summary>
    /// A verifier that continues a chain already verified up to (<paramref name="height"/>, <paramref name="hash"/>):
    /// only for chains without a ledger to replay.
    /// </summary>
    public static ChainVerifier ResumeAt(ChainSettings chain, PublicKey bpscKey, long height, string? hash)
    {
        if (chain.IsLedger)
        {
            throw new InvalidOperationException("a ledger chain must be replayed from its genesis");
        }

        return new ChainVerifier(chain, bpscKey) { Height = height, HeadHash = hash };
    }

    public PreparedBlock Prepare(Block block) => new(block, _blocks.CheckContents(block, out var entries), entries);

    public string? Append(Block block) => Append(Prepare(block));

    /// <summary>
    /// Null when the block extends the chain validly (and is then applied), else why not (nothing applied).
    /// </summary>
    public string? Append(PreparedBlock prepared)
    {
        var block = prepared.Block;
        var error = BlockVerifier.CheckLink(block, Height, HeadHash) ?? prepared.Error;
        if (error is null && Ledger is not null)
        {
            error = ApplyLedger(block, prepared.LedgerEntries!);
        }

        if (error is null)
        {
            (Height, HeadHash) = (block.Index, block.Hash);
        }

        return error;
    }

    private string? ApplyLedger(Block block, IReadOnlyList<LedgerEntry> entries)
    {
        // Apply to a trial copy is costly; instead stop at the first broken entry: callers discard the verifier on
        // failure.
        for (var i = 0; i < entries.Count; i++)
        {
            var error = Ledger!.Apply(entries[i]);
            if (error is not null)
            {
                return $"block {block.Index}, transaction {i}: {error}";
            }
        }

        return Ledger!.CheckSupply() is { } broken ? $"block {block.Index}: {broken}" : null;
    }
}

/// <summary>A block with the outcome of its stand-alone checks, ready to be appended in order.</summary>
public sealed record PreparedBlock(Block Block, string? Error, IReadOnlyList<LedgerEntry>? LedgerEntries);
