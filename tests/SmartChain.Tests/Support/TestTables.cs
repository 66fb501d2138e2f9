using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.Tests.Support;

/// <summary>
/// A fresh set of the node's tables on the test Azurite, under a unique prefix: for storage contract tests.
/// </summary>
public static class TestTables
{
    public static async Task<Tables> CreateAsync()
    {
        var tables = new Tables(
            new NodeSettings { TablePrefix = TestStorage.UniquePrefix(), Storage = TestStorage.ConnectionString }
        );
        await tables.CreateIfMissingAsync(CancellationToken.None);
        return tables;
    }
}
