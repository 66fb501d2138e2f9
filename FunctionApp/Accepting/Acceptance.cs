namespace SmartChain.FunctionApp.Accepting;

/// <summary>A durable acceptance: the entry's id, its status, and the block it is in (when forged at once) or will go into.</summary>
public sealed record Acceptance(string Id, long BlockIndex, bool Forged, string Status = Storage.Receipt.Pending);

/// <summary>A ledger request refused against the ledger's state: 409 for a nonce conflict (naming the expected nonce), 422 for funds.</summary>
public sealed record LedgerRefusal(int Status, string Detail, long? ExpectedNonce);
