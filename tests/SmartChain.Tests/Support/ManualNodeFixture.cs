namespace SmartChain.Tests.Support;

/// <summary>One real node process (manual forging, its own prefix) shared by the tests of a class.</summary>
public sealed class ManualNodeFixture : IAsyncLifetime
{
    private NodeProcess? _node;

    public NodeProcess Node => _node ?? throw new InvalidOperationException("the node has not started");

    // The tests of a class call /mine after every case, faster than a client may (SPEC §4): this node's limit is
    // lifted so that they test what they mean to; RateLimitTests tests the limit.
    public async Task InitializeAsync() =>
        _node = await NodeProcess.StartAsync(
            TestStorage.UniquePrefix(),
            args: ["--manual"],
            env: new Dictionary<string, string> { ["SMARTCHAIN_RATE_LIMIT_PER_SECOND"] = "0" }
        );

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }
    }
}
