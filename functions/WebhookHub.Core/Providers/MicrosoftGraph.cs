using System.Security.Cryptography;
using System.Text.Json;

namespace WebhookHub.Providers;

/// <summary>
/// Microsoft Graph change notifications delivered to a webhook: Graph signs nothing; every notification in the body
/// <c>{"value":[{"subscriptionId":…,"clientState":…,"changeType":…,"resource":…},…]}</c> carries the subscription's
/// <c>clientState</c>, and EVERY item's <c>clientState</c> must equal (constant time, ordinal) one of the source's secrets, or the
/// whole request is rejected. No timestamp, so there is no tolerance; the body is not integrity-protected beyond TLS.
/// Source: https://learn.microsoft.com/graph/change-notifications-delivery-webhooks.
/// </summary>
/// <remarks>
/// <para>Validation: when a subscription is created (or its <c>lifecycleNotificationUrl</c> registered), Graph POSTs to the URL
/// with query <c>validationToken=…</c> and expects, within 10 seconds, 200 with <c>text/plain</c> and the URL-decoded token.
/// That request carries no secret, so it cannot be authenticated: it is answered for anyone (with
/// <c>X-Content-Type-Options: nosniff</c>), stores nothing, and only proves that the URL answers.</para>
/// <para>Event ID: with exactly one notification that has an <c>id</c>, that <c>id</c>; otherwise (a batch, or no <c>id</c>)
/// the lowercase hex SHA-256 of the body, because subscription, resource and change type together do not identify one change.
/// Event type: the first notification's <c>lifecycleEvent</c> for lifecycle notifications (<c>reauthorizationRequired</c>,
/// <c>subscriptionRemoved</c>, <c>missed</c>), else its <c>changeType</c> (<c>created</c>, <c>updated</c>, <c>deleted</c>).</para>
/// <para>A body that is not such a collection is malformed; a notification without <c>clientState</c> is unauthenticated
/// (subscriptions must set one). Rich notifications' <c>validationTokens</c> and <c>encryptedContent</c> are stored as
/// received, not checked. A secret is a <c>clientState</c>, so it may be at most 255 characters. Options: none.</para>
/// </remarks>
public sealed class MicrosoftGraph : IProviderScheme
{
    private static readonly IReadOnlyDictionary<string, string> NoSniff = new Dictionary<string, string> { ["X-Content-Type-Options"] = "nosniff" };

    /// <inheritdoc/>
    public string Name => "msgraph";

    /// <summary>The longest <c>clientState</c> Graph accepts: 255 characters.</summary>
    public const int MaxClientStateLength = 255;

    /// <inheritdoc/>
    public IWebhookVerifier CreateVerifier(IReadOnlyDictionary<string, string> options)
    {
        ProviderOptions.RejectUnknown(Name, options);
        return Verifier.Instance;
    }

    /// <summary>Checks that a secret can be a subscription's <c>clientState</c>: at most 255 characters.</summary>
    /// <exception cref="ProviderOptionsException">The secret is longer.</exception>
    public void ValidateSecret(string secret)
    {
        if (secret.Length > MaxClientStateLength)
        {
            throw new ProviderOptionsException($"A Microsoft Graph secret is the subscription's clientState: at most {MaxClientStateLength} characters; got {secret.Length}.");
        }
    }

    private sealed class Verifier : IWebhookVerifier
    {
        public static readonly Verifier Instance = new();

        public VerificationResult Verify(WebhookRequest request, IReadOnlyList<string> secrets, DateTimeOffset now)
        {
            if (request.Query("validationToken") is { } token)
            {
                return token.Length == 0
                    ? VerificationResult.Rejected(VerificationStatus.MalformedSignature)
                    : VerificationResult.Handshake(new ProviderReply("text/plain", token) { Headers = NoSniff });
            }

            try
            {
                using var document = JsonDocument.Parse(request.Body);
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var items)
                    || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0)
                {
                    return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
                }

                foreach (var item in items.EnumerateArray())
                {
                    var clientState = JsonFields.String(item, "clientState");
                    if (string.IsNullOrEmpty(clientState)) return VerificationResult.Rejected(VerificationStatus.MissingSignature);
                    if (!SharedSecret.MatchesAny(clientState, secrets)) return VerificationResult.Rejected(VerificationStatus.InvalidSignature);
                }

                var first = items[0];
                var id = items.GetArrayLength() == 1 ? JsonFields.String(first, "id") : null;
                return VerificationResult.Verified(
                    id ?? EventLocator.BodyHash(request.Body.Span),
                    JsonFields.String(first, "lifecycleEvent") ?? JsonFields.String(first, "changeType"));
            }
            catch (JsonException)
            {
                return VerificationResult.Rejected(VerificationStatus.MalformedSignature);
            }
        }
    }
}
