namespace WebhookHub.Azure.ServiceBus;

/// <summary>Namespace endpoints and entity URIs.</summary>
internal static class ServiceBusEndpoint
{
    /// <summary>
    /// <c>ns.servicebus.windows.net</c> → <c>https://ns.servicebus.windows.net/</c>; <c>sb://…</c> → <c>https://…/</c>;
    /// <c>http://…</c> and <c>https://…</c> kept as they are (path dropped), always with a trailing slash.
    /// </summary>
    /// <exception cref="FormatException">Not a host name or an absolute http(s)/sb URI.</exception>
    public static Uri Parse(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var text = value.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new FormatException($"'{value}' is not a Service Bus namespace (expected ns.servicebus.windows.net or an sb://, https:// or http:// endpoint).");
        }

        var scheme = uri.Scheme.ToLowerInvariant() switch
        {
            "sb" or "https" => Uri.UriSchemeHttps,
            "http" => Uri.UriSchemeHttp,
            _ => throw new FormatException($"The Service Bus endpoint scheme '{uri.Scheme}' is not sb, https or http."),
        };
        var port = uri.Scheme.Equals("sb", StringComparison.OrdinalIgnoreCase) || uri.IsDefaultPort ? -1 : uri.Port;
        return new UriBuilder(scheme, uri.Host, port, "/").Uri;
    }

    /// <summary><c>{endpoint}{entity path, each segment escaped}/{suffix}</c>.</summary>
    /// <exception cref="ArgumentException">The entity path is empty or has an empty segment.</exception>
    public static Uri Entity(Uri endpoint, string entityPath, string suffix)
    {
        var segments = ValidateEntityPath(entityPath).Split('/');
        return new Uri(endpoint, string.Join('/', segments.Select(Uri.EscapeDataString)) + "/" + suffix);
    }

    /// <summary>Checks that <paramref name="entityPath"/> is a queue, topic or <c>topic/subscriptions/name</c> path.</summary>
    public static string ValidateEntityPath(string entityPath, string? parameterName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityPath, parameterName ?? nameof(entityPath));
        if (entityPath.Split('/').Any(s => s.Length == 0 || s.Trim().Length != s.Length))
        {
            throw new ArgumentException($"'{entityPath}' is not a Service Bus entity path (no empty segments, no leading, trailing or doubled '/', no surrounding spaces).", parameterName ?? nameof(entityPath));
        }

        return entityPath;
    }

    /// <summary>Whether <paramref name="uri"/> is on the namespace <paramref name="endpoint"/> (same scheme, host and port).</summary>
    public static bool IsOnNamespace(Uri endpoint, Uri uri) =>
        uri.IsAbsoluteUri && Uri.Compare(endpoint, uri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
