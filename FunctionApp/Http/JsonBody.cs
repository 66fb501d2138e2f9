using System.Text.Json;
using SmartChain.Domain.Canonical;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Reads a request body as JSON with every check a bad client deserves a 4xx for: 415 unless it is JSON,
/// 413 past the size limit, 400 when it is not I-JSON (invalid UTF-8, a lone surrogate, a duplicate member name, a
/// number beyond a double, or no JSON at all). The caller owns the returned document.
/// </summary>
public static class JsonBody
{
    private const int MaxDepth = 32;

    public static async Task<(JsonDocument? Json, IResult? Problem)> ReadAsync(
        HttpRequest request,
        int maxBytes,
        CancellationToken cancellationToken
    )
    {
        if (request.ContentType is not { } type || !IsJson(type))
        {
            return (null, Problems.UnsupportedMediaType("send the body as application/json"));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, Problems.TooLarge($"the body must be at most {maxBytes} bytes"));
        }

        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.TooLarge($"the body must be at most {maxBytes} bytes"));
            }

            buffer.Write(chunk, 0, read);
        }

        // One parser for every body on every route, in both hosts: I-JSON (RFC 7493) or a 400.
        var document = IJsonDocument.TryParse(
            buffer.GetBuffer().AsMemory(0, (int)buffer.Length),
            MaxDepth,
            out var error
        );
        return document is null ? (null, Problems.BadRequest(error!)) : (document, null);
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (
                mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)
            );
    }
}
