namespace SmartChain.Cli.Verification;

/// <summary>What <see cref="ChainAudit"/> found: how far the chain verified, and the first failure if any.</summary>
public sealed record AuditReport
{
    public required string Chain { get; init; }

    public long AnnouncedHeight { get; init; }

    /// <summary>Blocks verified, genesis included; also the index of the last one.</summary>
    public long Blocks { get; init; }

    public long Transactions { get; init; }

    /// <summary>Hash of the last verified block.</summary>
    public string? HeadHash { get; init; }

    /// <summary>On ledger chains, the replayed supply as of the last verified block.</summary>
    public LedgerSupply? Supply { get; init; }

    public string? Failure { get; init; }

    public bool Ok => Failure is null;
}

/// <summary>A replayed ledger's totals: everything minted (genesis included), burned fees, accounts seen.</summary>
public sealed record LedgerSupply(string Minted, string Burned, int Accounts);
