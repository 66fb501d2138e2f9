using Azure.Data.Tables;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// Drops every table of a prefix once a scenario is done with it: Azurite keeps all data in its heap, and a
/// million-transaction chain measured later should not share the machine with earlier scenarios' leftovers.
/// </summary>
public static class TableCleanup
{
    public static async Task DeleteAsync(string storage, string prefix, CancellationToken cancellationToken)
    {
        var service = new TableServiceClient(storage);
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(cancellationToken: cancellationToken))
        {
            if (table.Name.StartsWith(prefix, StringComparison.Ordinal))
            {
                names.Add(table.Name);
            }
        }

        foreach (var name in names)
        {
            await service.DeleteTableAsync(name, cancellationToken);
        }
    }
}
