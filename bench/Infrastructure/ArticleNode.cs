using System.Globalization;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// The article's own node, ../shared/peers/bpsc102.py (Flask's development server, everything in memory),
/// started beside SmartChain so both are measured in the same run on the same machine.
/// </summary>
public sealed class ArticleNode : IDisposable
{
    public const string HowToInstall =
        "apt-get install -y python3-flask python3-requests (or: pip install flask requests)";

    private ArticleNode(ChildProcess process, int port)
    {
        Process = process;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public ChildProcess Process { get; }

    public Uri Url { get; }

    /// <summary>
    /// Why the article's node cannot run here, or null when python3 with flask and requests is available.
    /// </summary>
    public static async Task<string?> UnavailableBecauseAsync(RepoPaths repo, CancellationToken cancellationToken)
    {
        if (!File.Exists(repo.ArticleNode))
        {
            return $"{repo.ArticleNode} is missing";
        }

        try
        {
            using var probe = ChildProcess.Start("python3", ["-c", "import flask, requests"], repo.Root);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!probe.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken);
            }

            return probe.ExitDescription() == "exited with 0"
                ? null
                : $"python3 cannot import flask and requests; install them: {HowToInstall}";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return $"python3 is not installed; install it with flask and requests: {HowToInstall}";
        }
    }

    public static async Task<ArticleNode> StartAsync(RepoPaths repo, CancellationToken cancellationToken)
    {
        var port = Ports.Free();
        var process = ChildProcess.Start(
            "python3",
            [repo.ArticleNode, "-p", port.ToString(CultureInfo.InvariantCulture)],
            repo.Root
        );
        var node = new ArticleNode(process, port);
        using var http = BenchHttp.Create(node.Url);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var response = await http.GetAsync("chain", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        node.Dispose();
        throw new InvalidOperationException(
            $"the article's node did not serve on {port} ({process.ExitDescription()}):\n{process.Tail()}"
        );
    }

    public void Dispose() => Process.Dispose();
}
