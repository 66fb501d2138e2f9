using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.FunctionApp.Sync;

/// <summary>
/// The nodes registered with <c>/nodes/register</c>, validated and bounded here and kept as <c>host:port</c> (the
/// article's form) by <see cref="PeerStore"/>, so they survive a restart. Replicas may pull from any of them.
/// </summary>
public sealed class PeerRegistry(PeerStore store, NodeSettings settings)
{
    private readonly SemaphoreSlim _adding = new(1, 1);

    /// <summary>The validated base URL of a node, or null with why: http/https, a host, a port, nothing else.</summary>
    public static Uri? TryParseNode(string? text, out string? error)
    {
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"'{text}' is not an http(s) URL such as http://127.0.0.1:5001";
            return null;
        }

        if (
            string.IsNullOrEmpty(uri.Host)
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0
        )
        {
            error = $"'{text}' must be scheme://host:port with nothing else";
            return null;
        }

        if (!HasValidHostName(uri))
        {
            error = $"'{text}' does not name a valid host";
            return null;
        }

        if (IsLinkLocalOrMetadata(uri))
        {
            error = $"'{text}' is a link-local or cloud metadata address, never a peer";
            return null;
        }

        return uri;
    }

    /// <summary>Uri accepts some hosts its own IDN conversion then refuses (found by the property tests).</summary>
    private static bool HasValidHostName(Uri uri)
    {
        try
        {
            return uri.IdnHost.Length > 0;
        }
        catch (UriFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// Hosts a peer URL must never name: link-local addresses (169.254.0.0/16, fe80::/10), where clouds answer with
    /// instance metadata and credentials, and the metadata services' own names. Judged on the URL as written: a name
    /// that resolves there later is not caught here (see docs/decisions.md).
    /// </summary>
    private static bool IsLinkLocalOrMetadata(Uri uri)
    {
        var host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        if (MetadataHosts.Contains(host))
        {
            return true;
        }

        if (!System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.IsIPv6LinkLocal
            || MetadataAddresses.Contains(address)
            || (bytes.Length == 4 && bytes[0] == 169 && bytes[1] == 254);
    }

    private static readonly HashSet<string> MetadataHosts =
    [
        "metadata.google.internal",
        "metadata",
        "metadata.azure.internal",
        "instance-data",
        "instance-data.ec2.internal",
    ];

    private static readonly HashSet<System.Net.IPAddress> MetadataAddresses =
    [
        System.Net.IPAddress.Parse("fd00:ec2::254"),
        System.Net.IPAddress.Parse("100.100.100.200"),
    ];

    /// <summary>
    /// Adds the nodes not known yet, all or none: null, or why not when the list would grow past SMARTCHAIN_MAX_PEERS.
    /// (Serialized in this process; two processes adding at once may pass the bound by one request's worth.)
    /// </summary>
    public async Task<string?> TryAddAsync(IReadOnlyCollection<Uri> nodes, CancellationToken cancellationToken)
    {
        await _adding.WaitAsync(cancellationToken);
        try
        {
            var known = (await ListAsync(cancellationToken)).Select(p => p.HostPort).ToHashSet();
            var added = nodes.Select(HostPort).Where(h => !known.Contains(h)).Distinct().Count();
            if (known.Count + added > settings.MaxPeers)
            {
                return $"the peer list holds at most {settings.MaxPeers} nodes ({known.Count} known, {added} new)";
            }

            foreach (var node in nodes)
            {
                await store.AddAsync(HostPort(node), node.GetLeftPart(UriPartial.Authority) + "/", cancellationToken);
            }

            return null;
        }
        finally
        {
            _adding.Release();
        }
    }

    public Task<IReadOnlyList<(string HostPort, Uri Url)>> ListAsync(CancellationToken cancellationToken) =>
        store.ListAsync(cancellationToken);

    private static string HostPort(Uri node) => $"{node.Host}:{node.Port}";
}
