using System.Security.Cryptography;
using System.Text;
using SmartChain.FunctionApp.Hosting;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The self-host's stand-in for Functions' AuthorizationLevel.Function: admin routes need the header
/// <c>x-functions-key</c> equal to SMARTCHAIN_ADMIN_KEY (compared in constant time). Unset, admin routes are closed.
/// </summary>
public sealed class AdminKeyFilter(NodeSettings settings) : IEndpointFilter
{
    public const string Header = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (settings.AdminKey is null)
        {
            return Problems.Unauthorized("admin routes are closed: this node has no SMARTCHAIN_ADMIN_KEY");
        }

        var given = context.HttpContext.Request.Headers[Header].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(settings.AdminKey)))
        {
            return Problems.Unauthorized($"send the admin key in the {Header} header");
        }

        return await next(context);
    }
}
