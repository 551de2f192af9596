using System.Globalization;
using Microsoft.AspNetCore.Http.Features;

namespace Raft3D.Node.Api.Problems;

/// <summary>The 413's detail, the same whether the body was refused for its Content-Length or cut off while read.</summary>
public static class BodyTooLarge
{
    public static string Detail(long? size, long limit)
    {
        var body = size is null ? "The request body" : string.Create(CultureInfo.InvariantCulture, $"The request body ({size} bytes)");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{body} is larger than the {limit} bytes this node accepts (Raft3D:Security:Limits:MaxRequestBodyBytes); nothing was applied.");
    }

    /// <summary>For a body Kestrel cut off at the limit while it was being read: its full size is unknown.</summary>
    public static string DetailForCutOffBody(HttpContext context)
        => context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize is { } limit
            ? Detail(size: null, limit)
            : "The request body is larger than this node accepts; nothing was applied.";

    /// <summary>
    /// Whether Kestrel's error for a body that passed the limit while it was being read is <paramref name="exception"/>
    /// or lies under it (YARP reports a failed forward as an AggregateException of what went wrong on each side).
    /// </summary>
    public static bool IsCause(Exception? exception) => exception switch
    {
        null => false,
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsCause),
        _ => IsCause(exception.InnerException),
    };
}
