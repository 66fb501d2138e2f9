namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Marks a route as an admin route: the self-host checks the key, the Functions host uses AuthorizationLevel.Function.
/// </summary>
public static class AdminRoutes
{
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminKeyFilter>().WithMetadata(new AdminRouteMetadata());
}

/// <summary>Endpoint metadata naming an admin route (read by the host-parity test).</summary>
public sealed class AdminRouteMetadata;
