using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SmartChain.Tests.Support;

/// <summary>
/// The node in-process (WebApplicationFactory) on the real test Azurite with its own table prefix:
/// for HTTP tests that need neither a second process nor a crash. A <see cref="TimeProvider"/> may be
/// given to put the clock under the test's control.
/// </summary>
public sealed class NodeApp(
    string? prefix = null,
    TimeProvider? clock = null,
    IDictionary<string, string?>? settings = null
) : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key";

    public string Prefix { get; } = prefix ?? TestStorage.UniquePrefix();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("SMARTCHAIN_STORAGE", TestStorage.ConnectionString);
        builder.UseSetting("SMARTCHAIN_TABLE_PREFIX", Prefix);
        builder.UseSetting("SMARTCHAIN_ADMIN_KEY", AdminKey);
        builder.UseSetting("SMARTCHAIN_MANUAL", "true");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton(clock)));
        }
    }

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
        return client;
    }
}
