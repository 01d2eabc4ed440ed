using Microsoft.AspNetCore.Http.Extensions;

namespace WebhookHub.Functions.Ingest;

/// <summary>The absolute URL a provider called, which URL-signing schemes (Twilio, Square, HubSpot) sign.</summary>
internal static class PublicUrl
{
    /// <summary>
    /// Returns <paramref name="publicBaseUrl"/> + path + query when a base is configured, else the request's own scheme, host,
    /// path and query (scheme and host already rewritten by the forwarded-headers middleware for trusted proxies only).
    /// </summary>
    public static Uri For(HttpRequest request, string? publicBaseUrl) =>
        string.IsNullOrEmpty(publicBaseUrl)
            ? new Uri(request.GetEncodedUrl())
            : new Uri(publicBaseUrl.TrimEnd('/') + request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent());
}
