using System.Text.Json;

namespace SmartChain.Cli.Http;

/// <summary>
/// An RFC 9457 problem+json answer from the node: the message is "title: detail", as the CLI prints it;
/// extension members (such as <c>expected_nonce</c>) stay readable.
/// </summary>
public sealed class ProblemException(
    int status,
    string title,
    string detail,
    IReadOnlyDictionary<string, JsonElement> extensions
) : CliFailure(string.IsNullOrEmpty(detail) ? title : $"{title}: {detail}")
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public string Detail { get; } = detail;

    public IReadOnlyDictionary<string, JsonElement> Extensions { get; } = extensions;
}
