namespace SmartChain.FunctionApp.Http;

/// <summary>
/// The block explorer (SPEC §13): <c>/</c> and every view path under <c>/explorer/</c> answer the same index.html
/// (the page routes itself, so each view is a shareable URL), and <c>/assets/{file}</c> its content-hashed
/// scripts and styles. Headers are set here, not by middleware, so both hosts send them: a strict
/// Content-Security-Policy (scripts and styles from this node only, no inline script, no eval), nosniff, and
/// immutable caching for hashed assets.
/// </summary>
public sealed class ExplorerApi(ExplorerAssets assets)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void Map(IEndpointRouteBuilder routes)
    {
        // "{root:maxlength(0)?}" matches only "/": the same template serves the root in the Functions host, whose
        // routes cannot be empty.
        routes
            .MapGet("/{root:maxlength(0)?}", (ExplorerApi api, HttpRequest request) => api.Page(request))
            .ExcludeFromDescription();
        routes
            .MapGet("/explorer/{*view}", (ExplorerApi api, HttpRequest request) => api.Page(request))
            .ExcludeFromDescription();
        routes
            .MapGet("/assets/{file}", (ExplorerApi api, string file, HttpRequest request) => api.Asset(file, request))
            .ExcludeFromDescription();
    }

    public IResult Page(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        Secure(response);
        response.Headers.CacheControl = "no-cache";
        return TypedResults.Bytes(assets.IndexHtml, "text/html; charset=utf-8");
    }

    public IResult Asset(string file, HttpRequest request)
    {
        var response = request.HttpContext.Response;
        var asset = assets.Find(file);
        if (asset is null)
        {
            return Problems.NotFound($"no explorer asset '{file}' (assets are served under content-hashed names)");
        }

        Secure(response);
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    private static void Secure(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
