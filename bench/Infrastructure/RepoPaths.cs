namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// Where the things the bench starts live: the repository root, the built node, Azurite and the article's node.
/// </summary>
public sealed record RepoPaths(string Root)
{
    public string NodeDll =>
        Path.Combine(Root, "FunctionApp", "SelfHost", "bin", "Release", "net10.0", "SmartChain.SelfHost.dll");

    public string AzuriteTable => Path.Combine(Root, "node_modules", ".bin", "azurite-table");

    /// <summary>
    /// The article's bpsc102.py: SMARTCHAIN_ARTICLE_NODE when set (a clone elsewhere than the project folder),
    /// else beside the repository (../shared/peers), as the project keeps it.
    /// </summary>
    public string ArticleNode =>
        Environment.GetEnvironmentVariable("SMARTCHAIN_ARTICLE_NODE") is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "peers", "bpsc102.py"));

    /// <summary>
    /// The repository holding this build: the first parent with SmartChain.Functions.sln, from the working directory or
    /// the binary.
    /// </summary>
    public static RepoPaths Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SmartChain.Functions.sln")))
                {
                    return new RepoPaths(dir.FullName);
                }
            }
        }

        throw new InvalidOperationException(
            "cannot find the repository root (SmartChain.Functions.sln); run from inside the repository"
        );
    }
}
