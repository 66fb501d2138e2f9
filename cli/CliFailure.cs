namespace SmartChain.Cli;

/// <summary>
/// An expected failure the user must see, such as a missing wallet, a refused transaction or a node that
/// cannot be reached: printed as <c>error: message</c> with exit code 1, never as a stack trace.
/// </summary>
public class CliFailure(string message) : Exception(message);
