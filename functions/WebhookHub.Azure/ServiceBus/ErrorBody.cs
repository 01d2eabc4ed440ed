using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Service Bus REST error bodies, <c>&lt;Error&gt;&lt;Code&gt;401&lt;/Code&gt;&lt;Detail&gt;…&lt;/Detail&gt;&lt;/Error&gt;</c>
/// (https://learn.microsoft.com/rest/api/servicebus/service-bus-runtime-rest): the detail text, or the body itself when it has none.
/// </summary>
internal static partial class ErrorBody
{
    public static string Detail(string body)
    {
        var trimmed = body.Trim();
        if (!trimmed.StartsWith('<')) return Flatten(trimmed);
        try
        {
            var root = XElement.Parse(trimmed);
            var detail = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Detail")?.Value;
            return Flatten(detail ?? root.Value);
        }
        catch (XmlException)
        {
            // Not well-formed (an unescaped '&' in the detail, say): take the element's text as it stands.
            var match = DetailElement().Match(trimmed);
            return Flatten(match.Success ? match.Groups[1].Value : trimmed);
        }
    }

    private static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("<Detail>(.*?)</Detail>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex DetailElement();
}
