namespace SmartChain.FunctionApp.Accepting;

/// <summary>A durable acceptance: the entry's id and the block it is in (when the count policy forged at once) or will go into.</summary>
public sealed record Acceptance(string Id, long BlockIndex, bool Forged);
