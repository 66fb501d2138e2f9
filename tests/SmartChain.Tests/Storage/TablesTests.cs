using Azure.Data.Tables;
using Azure.Data.Tables.Sas;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;
using SmartChain.Tests.Support;

namespace SmartChain.Tests.Storage;

/// <summary>
/// The node reaches its tables from either kind of connection string: one with the account key (signed through an
/// account SAS made from it) and one that carries a SAS only (used as it is).
/// </summary>
public sealed class TablesTests
{
    [Fact]
    public async Task AKeyConnectionStringWritesAndReadsRows() => await WriteAndReadAsync(TestStorage.ConnectionString);

    [Fact]
    public async Task ASasOnlyConnectionStringWritesAndReadsRows()
    {
        var keyed = new TableServiceClient(TestStorage.ConnectionString);
        var sas = keyed.GenerateSasUri(
            TableAccountSasPermissions.All,
            TableAccountSasResourceTypes.All,
            DateTimeOffset.UtcNow.AddHours(1)
        );
        await WriteAndReadAsync($"TableEndpoint={keyed.Uri};SharedAccessSignature={sas.Query.TrimStart('?')}");
    }

    private static async Task WriteAndReadAsync(string connectionString)
    {
        var tables = new Tables(
            new NodeSettings { TablePrefix = TestStorage.UniquePrefix(), Storage = connectionString }
        );
        await tables.CreateIfMissingAsync(CancellationToken.None);
        await tables.Chains.AddEntityAsync(new TableEntity("chain", "aka") { ["Kind"] = "token" });
        var row = await tables.Chains.GetEntityAsync<TableEntity>("chain", "aka");
        Assert.Equal("token", row.Value.GetString("Kind"));
    }
}
