using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace Platform.GrpcApi;

/// <summary>
/// A gRPC call refused by middleware before any handler ran (authorization, rate limits): HTTP 200 with the status
/// in the headers alone, as the protocol's trailers-only response, so every gRPC client reads the code and message.
/// </summary>
public static class GrpcTrailersOnlyResponse
{
    public static bool IsGrpcRequest(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true;

    public static void Write(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
    }

    // grpc-message is percent-encoded UTF-8: printable ASCII other than '%' stays as it is.
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(message))
            encoded.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        return encoded.ToString();
    }
}
