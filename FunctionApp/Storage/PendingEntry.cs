namespace SmartChain.FunctionApp.Storage;

/// <summary>An accepted, not yet forged entry: where it waits and its canonical block-entry text.</summary>
public sealed record PendingEntry(PendingRef Ref, string Text);
