using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Azure Event Grid webhook delivery (Event Grid schema and CloudEvents v1.0): Event Grid cannot sign events; a subscription
/// authenticates itself with a shared secret it sends on every request, either in a query parameter of the endpoint URL
/// (default <c>code</c>, for example <c>…/api/webhooks/{sourceId}?code=&lt;secret&gt;</c>) or, with the <c>header</c> option, in a
/// static delivery header marked secret (its whole value is the secret). The value is compared in constant time with every
/// secret of the source, on handshakes too. No timestamp, so there is no tolerance; the body is not integrity-protected
/// beyond TLS. Microsoft Entra ID (bearer token) delivery authentication is not supported.
/// Source: https://learn.microsoft.com/azure/event-grid/security-authentication and
/// https://learn.microsoft.com/azure/event-grid/webhook-event-delivery.
/// </summary>
/// <remarks>
/// <para>Handshakes (authenticated, nothing stored): an Event Grid schema <c>Microsoft.EventGrid.SubscriptionValidationEvent</c>
/// (header <c>aeg-event-type: SubscriptionValidation</c>) is answered 200 <c>{"validationResponse":"&lt;data.validationCode&gt;"}</c>;
/// the CloudEvents v1.0 abuse-protection request, <c>OPTIONS</c> with <c>WebHook-Request-Origin</c>, is answered 200 with
/// <c>WebHook-Allowed-Origin: &lt;origin&gt;</c>, <c>WebHook-Allowed-Rate: *</c> and <c>Allow: POST</c>.</para>
/// <para>Events: an Event Grid schema body is an array of events with <c>id</c> and <c>eventType</c>; a CloudEvents body is one
/// structured event (<c>application/cloudevents+json</c>: <c>id</c>, <c>type</c>), a batch array
/// (<c>application/cloudevents-batch+json</c>), or binary mode (<c>ce-id</c>, <c>ce-type</c> headers, the body is the data).
/// Event ID: the event's <c>id</c> (<c>ce-id</c>); for a batch of several events, the lowercase hex SHA-256 of the body, since no
/// single ID stands for the batch (Event Grid delivers one event per request unless the subscription sets a batch size).
/// Event type: <c>eventType</c> (Event Grid schema) or <c>type</c>/<c>ce-type</c> (CloudEvents), of the first event in a batch.</para>
/// <para>Options: <c>queryParameter</c> (default <c>code</c>) or <c>header</c> (a delivery header's name; then the query is not
/// read), not both.</para>
/// </remarks>
public sealed class EventGrid : IProviderScheme
{
    /// <summary>The default query parameter holding the secret.</summary>
    public const string DefaultQueryParameter = "code";

    /// <summary>The Event Grid schema validation event's type.</summary>
    public const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";

    /// <inheritdoc/>
    public string Name => "eventgrid";

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options, "queryParameter", "header");
        var header = ProviderOptions.Get(options, "header");
        var query = ProviderOptions.Get(options, "queryParameter");
        if (header is not null && query is not null)
        {
            throw new ProviderOptionsException("Provider 'eventgrid' takes the secret from option 'queryParameter' or from option 'header', not both.");
        }

        return new Verifier(header, query ?? DefaultQueryParameter);
    }

    private sealed class Verifier(string? header, string queryParameter) : IWebhookVerifier
    {
        public bool AllowsMethod(string method) => method is "POST" or "OPTIONS";

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            var presented = header is null ? request.Query(queryParameter) : request.Headers.Get(header);
            if (string.IsNullOrEmpty(presented)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
            if (!SharedSecret.MatchesAny(presented, secrets)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);

            if (request.Method == "OPTIONS") return AbuseProtection(request);
            if (request.Headers.Get("ce-id") is { Length: > 0 } binaryId) return VerificationResult.Verified(binaryId, request.Headers.Get("ce-type"));
            return ReadBody(request);
        }

        private static VerificationResult AbuseProtection(WebhookRequest request)
        {
            var origin = request.Headers.Get("WebHook-Request-Origin");
            if (string.IsNullOrEmpty(origin)) return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            return VerificationResult.Handshake(new ProviderReply("text/plain", "")
            {
                Headers = new Dictionary<string, string>
                {
                    ["WebHook-Allowed-Origin"] = origin,
                    ["WebHook-Allowed-Rate"] = "*",
                    ["Allow"] = "POST",
                },
            });
        }

        private static VerificationResult ReadBody(WebhookRequest request)
        {
            try
            {
                using var document = JsonDocument.Parse(request.Body);
                var root = document.RootElement;
                var isArray = root.ValueKind == JsonValueKind.Array;
                var count = isArray ? root.GetArrayLength() : 1;
                if (count == 0) return VerificationResult.Rejected(VerificationStatus.MissingEventId);

                var first = isArray ? root[0] : root;
                var type = JsonFields.String(first, "eventType") ?? JsonFields.String(first, "type");
                var validation = string.Equals(request.Headers.Get("aeg-event-type"), "SubscriptionValidation", StringComparison.OrdinalIgnoreCase);
                if (validation || type == ValidationEventType) return Validate(first);

                var id = count == 1 ? JsonFields.String(first, "id") : EventLocator.BodyHash(request.Body.Span);
                return string.IsNullOrEmpty(id) ? VerificationResult.Rejected(VerificationStatus.MissingEventId) : VerificationResult.Verified(id, type);
            }
            catch (JsonException)
            {
                return VerificationResult.Rejected(VerificationStatus.MissingEventId);
            }
        }

        private static VerificationResult Validate(JsonElement validationEvent)
        {
            var code = validationEvent.ValueKind == JsonValueKind.Object && validationEvent.TryGetProperty("data", out var data) ? JsonFields.String(data, "validationCode") : null;
            return string.IsNullOrEmpty(code)
                ? VerificationResult.Rejected(VerificationStatus.MalformedSignature)
                : VerificationResult.Handshake(new ProviderReply("application/json", $"{{\"validationResponse\":\"{JsonEncodedText.Encode(code)}\"}}"));
        }
    }
}
