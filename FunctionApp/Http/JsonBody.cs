using System.Text.Json;

namespace SmartChain.FunctionApp.Http;

/// <summary>
/// Reads a request body as JSON with every check a bad client deserves a 4xx for: 415 unless it is JSON,
/// 413 past the size limit, 400 when it does not parse. The caller owns the returned document.
/// </summary>
public static class JsonBody
{
    public static async Task<(JsonDocument? Json, IResult? Problem)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
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

        try
        {
            return (JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), new JsonDocumentOptions { MaxDepth = 32 }), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest($"the body is not valid JSON: {e.Message}"));
        }
    }

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
