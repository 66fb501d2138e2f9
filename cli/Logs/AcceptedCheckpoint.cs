namespace SmartChain.Cli.Logs;

/// <summary>
/// The last checkpoint this wallet accepted from one node for one chain, with the log key it was signed by: the
/// next checkpoint must extend it (a consistency proof) and be signed by the same key.
/// </summary>
public sealed record AcceptedCheckpoint(string LogVerifierKey, string Note);
