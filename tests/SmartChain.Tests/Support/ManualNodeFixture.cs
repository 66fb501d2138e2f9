namespace SmartChain.Tests.Support;

/// <summary>One real node process (manual forging, its own prefix) shared by the tests of a class.</summary>
public sealed class ManualNodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync(TestStorage.UniquePrefix(), args: ["--manual"]);

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
