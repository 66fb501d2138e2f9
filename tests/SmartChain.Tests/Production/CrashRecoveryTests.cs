using SmartChain.Tests.Support;
using Xunit.Abstractions;

namespace SmartChain.Tests.Production;

/// <summary>
/// SPEC §10: a node killed (SIGKILL) at any instant while it accepts and forges under load restarts on the same
/// storage with a chain that verifies, and every acknowledged transaction in exactly one block.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> ForgingContinuously = new()
    {
        ["SMARTCHAIN_DEFAULT_POLICY_COUNT"] = "50",
        ["SMARTCHAIN_DEFAULT_POLICY_INTERVAL"] = "*/1 * * * * *",
    };

    [Theory]
    [InlineData(700)]
    [InlineData(1500)]
    [InlineData(2600)]
    public async Task KilledProducerRestartsWithEveryAcknowledgedTransactionInExactlyOneBlock(int killAfterMs)
    {
        var prefix = TestStorage.UniquePrefix();
        var load = new TransactionLoad();
        var node = await NodeProcess.StartAsync(prefix, env: ForgingContinuously);
        try
        {
            using var stop = new CancellationTokenSource();
            var clients = load.RunAsync([node.Http], clients: 8, stop.Token);
            await Task.Delay(killAfterMs);
            node.Kill();
            stop.CancelAfter(TimeSpan.FromSeconds(5)); // clients stop on the refused connection; this only bounds them
            await clients;
        }
        finally
        {
            await node.DisposeAsync();
        }

        Assert.NotEmpty(load.Acknowledged);
        await using var restarted = await NodeProcess.StartAsync(prefix, env: ForgingContinuously);
        await restarted.Http.DrainAsync("aka", NodeProcess.AdminKey);

        var audit = await ChainAudit.DownloadAndVerifyAsync(restarted.Http, "aka");
        var counts = audit.TransactionIds.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(
            $"killed after {killAfterMs} ms: {load.Acknowledged.Count} acknowledged, {load.Failures} unanswered; chain "
                + $"height {audit.Height}, {audit.TransactionIds.Count} transactions"
        );
        var twice = counts.Where(c => c.Value > 1).Select(c => c.Key).ToList();
        var lost = load.Acknowledged.Where(id => !counts.ContainsKey(id)).ToList();
        Assert.True(
            twice.Count == 0,
            $"{twice.Count} transactions are in more than one block, e.g. {string.Join(", ", twice.Take(5))}"
        );
        Assert.True(
            lost.Count == 0,
            $"{lost.Count} of {load.Acknowledged.Count} acknowledged transactions are in no block, e.g. "
                + $"{string.Join(", ", lost.Take(5))}"
        );

        // The follow-up finished too: a sample of receipts says where each one is, with a proof that verifies.
        await audit.AssertReceiptsAsync(restarted.Http, "aka", load.Acknowledged.Where((_, i) => i % 25 == 0));
    }
}
