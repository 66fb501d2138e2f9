using Azure;
using Azure.Data.Tables;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

/// <summary>Rows read once they exist are kept; a row not there yet is read again next time.</summary>
public sealed class CommittedRowCacheTests
{
    [Fact]
    public async Task AMissingRowIsNotRememberedAndAFoundRowIsNotReadAgain()
    {
        var tables = await TestTables.CreateAsync();
        var cache = new CommittedRowCache();

        Assert.Null(await cache.GetAsync(tables.Blocks, "aka", "000000000007", CancellationToken.None));

        await tables.Blocks.AddEntityAsync(new TableEntity("aka", "000000000007") { ["Hash"] = "first" });
        var found = await cache.GetAsync(tables.Blocks, "aka", "000000000007", CancellationToken.None);
        Assert.Equal("first", found!.GetString("Hash"));

        // Committed rows never change; were one changed behind the cache's back, the cache answers what it read.
        await tables.Blocks.UpdateEntityAsync(new TableEntity("aka", "000000000007") { ["Hash"] = "second" }, ETag.All);
        var again = await cache.GetAsync(tables.Blocks, "aka", "000000000007", CancellationToken.None);
        Assert.Equal("first", again!.GetString("Hash"));
    }
}
