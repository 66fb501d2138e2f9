namespace SmartChain.Tests.Cli;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } =
        Directory
            .CreateDirectory(
                System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sc-cli-" + Guid.NewGuid().ToString("N")[..10])
            )
            .FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
