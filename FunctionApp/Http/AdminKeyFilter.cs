using System.Security.Cryptography;
using System.Text;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The self-host's stand-in for Functions' AuthorizationLevel.Function: admin routes need the header
/// <c>x-functions-key</c> equal to SMARTCHAIN_ADMIN_KEY (their SHA-256 digests compared in constant time, so
/// neither the key nor its length leaks through timing). Unset, admin routes are closed.
/// </summary>
public sealed class AdminKeyFilter(NodeSettings settings) : IEndpointFilter
{
    public const string Header = "x-functions-key";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(settings.AdminKey ?? ""));

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (settings.AdminKey is null)
        {
            return Problems.Unauthorized("admin routes are closed: this node has no SMARTCHAIN_ADMIN_KEY");
        }

        // Both sides are hashed first: FixedTimeEquals returns at once on inputs of different lengths, which would
        // tell a caller the key's length; SHA-256 digests are always 32 bytes.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[Header].ToString()));
        if (!CryptographicOperations.FixedTimeEquals(given, _expected))
        {
            return Problems.Unauthorized($"send the admin key in the {Header} header");
        }

        return await next(context);
    }
}
