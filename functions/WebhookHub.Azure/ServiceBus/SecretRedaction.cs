using System.Text.RegularExpressions;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>Removes what looks like a credential (a SAS token or its signature, a bearer token, a connection-string key) from
/// text that goes into an exception message.</summary>
internal static partial class SecretRedaction
{
    public static string Redact(string text) => Credential().Replace(text, m => m.Groups["name"].Value + "[redacted]");

    [GeneratedRegex(@"(?<name>SharedAccessSignature\s+|Bearer\s+|\bsig=|\bSharedAccessKey=|\bAccountKey=)[^\s;,""'<&]+(&[^\s;,""'<]*)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Credential();
}
