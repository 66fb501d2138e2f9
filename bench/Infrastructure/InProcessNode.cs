using Microsoft.Extensions.DependencyInjection;
using SmartChain.FunctionApp.Hosting;
using SmartChain.FunctionApp.Storage;

namespace SmartChain.Bench.Infrastructure;

/// <summary>
/// The FunctionApp's own services in the bench process (ServiceRegistration.AddSmartChain, no HTTP, no
/// background loops, no log output) on the bench's Azurite: for timing the producer and stores directly,
/// and for building large chains fast.
/// </summary>
public sealed class InProcessNode : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private InProcessNode(ServiceProvider services, string prefix)
    {
        _services = services;
        Prefix = prefix;
    }

    public string Prefix { get; }

    public static async Task<InProcessNode> StartAsync(
        string storage,
        string prefix,
        CancellationToken cancellationToken
    )
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSmartChain(_ => new NodeSettings
        {
            Storage = storage,
            TablePrefix = prefix,
            Manual = true,
        });
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<Tables>().CreateIfMissingAsync(cancellationToken);
        return new InProcessNode(provider, prefix);
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
