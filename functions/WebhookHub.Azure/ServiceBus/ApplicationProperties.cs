using System.Diagnostics;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Application (custom) properties on the wire: as HTTP headers on single sends and receives, the value of a string property
/// in double quotes (https://learn.microsoft.com/rest/api/servicebus/message-headers-and-properties, "Message properties"),
/// and the <c>Diagnostic-Id</c> taken from <see cref="Activity.Current"/>.
/// </summary>
internal static class ApplicationProperties
{
    /// <summary>Response headers that are HTTP's or Service Bus's own, never application properties.</summary>
    private static readonly HashSet<string> ProtocolHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "BrokerProperties", "Location", "Content-Type", "Content-Length", "Content-Encoding", "Content-Language", "Content-Location",
        "Content-MD5", "Content-Range", "Content-Disposition", "Transfer-Encoding", "Date", "Server", "Connection", "Keep-Alive",
        "Strict-Transport-Security", "Cache-Control", "Expires", "Pragma", "Vary", "ETag", "Last-Modified", "Set-Cookie", "Via",
        "Age", "Trailer", "Upgrade", "Allow", "Accept-Ranges", "Retry-After", "WWW-Authenticate", "Alt-Svc", "Request-Id",
        "Host", "Authorization", "User-Agent", "Accept", "Accept-Encoding", "Expect", "traceparent", "tracestate",
    };

    /// <summary>The properties a send writes: the message's own plus <c>Diagnostic-Id</c> from the current W3C activity when the
    /// message has none. The message itself is not changed.</summary>
    public static IReadOnlyDictionary<string, string> ForSend(ServiceBusMessage message)
    {
        var diagnosticId = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
        if (diagnosticId is null || message.ApplicationProperties.ContainsKey(ServiceBusDefaults.DiagnosticIdProperty))
        {
            return message.ApplicationProperties.AsReadOnly();
        }

        var properties = new Dictionary<string, string>(message.ApplicationProperties, StringComparer.OrdinalIgnoreCase)
        {
            [ServiceBusDefaults.DiagnosticIdProperty] = diagnosticId,
        };
        return properties;
    }

    /// <summary>Whether a header is HTTP's or Service Bus's own rather than an application property.</summary>
    public static bool IsProtocolHeader(string name) =>
        ProtocolHeaders.Contains(name) || name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header value of a string property: the value in double quotes.</summary>
    /// <exception cref="ArgumentException">The name is not an HTTP token or is a protocol header; the value has a character
    /// outside printable ASCII or a double quote (an HTTP header cannot carry it unambiguously).</exception>
    public static string ToHeaderValue(string name, string value)
    {
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            throw new ArgumentException($"The application property name '{name}' cannot be an HTTP header (letters, digits and !#$%&'*+-.^_`|~ only).");
        }

        if (IsProtocolHeader(name))
        {
            throw new ArgumentException($"The application property name '{name}' is an HTTP or Service Bus header and cannot be used.");
        }

        if (value.Any(c => c is < ' ' or > '~' or '"'))
        {
            throw new ArgumentException($"The application property '{name}' has a character a header cannot carry (only printable ASCII without '\"'); send it in a batch, where properties are JSON.");
        }

        return "\"" + value + "\"";
    }

    /// <summary>A received header value: without its surrounding double quotes when it has them (a string property).</summary>
    public static string FromHeaderValue(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
