using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SmartChain.Tests.Support;

/// <summary>
/// A man in the middle in front of a real node (a <see cref="RewritingProxy"/>): answers pass unchanged, except
/// <c>GET /chains/{chain}/blocks</c> pages, whose blocks from <see cref="TamperFrom"/> on it alters with
/// <see cref="Tamper"/> when that is set. A replica pointed at it pins the genuine BPSC key (the chain info passes
/// through honestly) and then meets forged blocks.
/// </summary>
public sealed partial class TamperingProxy : IAsyncDisposable
{
    private RewritingProxy _proxy = null!;
    private int _tampered;

    public Uri Url => _proxy.Url;

    /// <summary>What to do to served blocks; null forwards them honestly.</summary>
    public TamperKind? Tamper { get; set; }

    /// <summary>The first block index altered.</summary>
    public long TamperFrom { get; set; } = 1;

    /// <summary>How many blocks it has altered so far.</summary>
    public int Tampered => _tampered;

    public static async Task<TamperingProxy> StartAsync(Uri target)
    {
        var tampering = new TamperingProxy();
        tampering._proxy = await RewritingProxy.StartAsync(target, rewrite: tampering.Rewrite);
        return tampering;
    }

    private string Rewrite(string asked, string answer) =>
        Tamper is { } kind
        && BlocksPage().IsMatch(asked)
        && JsonNode.Parse(answer) is JsonObject { } page
        && page["blocks"] is JsonArray blocks
            ? Alter(kind, page, blocks)
            : answer;

    private string Alter(TamperKind kind, JsonObject page, JsonArray blocks)
    {
        foreach (var block in blocks.Select(b => b!.AsObject()).Where(b => b["index"]!.GetValue<long>() >= TamperFrom))
        {
            BlockTampering.Apply(kind, block);
            Interlocked.Increment(ref _tampered);
        }

        return page.ToJsonString();
    }

    [GeneratedRegex(@"^chains/[^/?]+/blocks(\?|$)")]
    private static partial Regex BlocksPage();

    public ValueTask DisposeAsync() => _proxy.DisposeAsync();
}
