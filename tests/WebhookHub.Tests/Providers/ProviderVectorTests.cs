using WebhookHub.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Providers;

/// <summary>The checks every provider's vectors go through: verified with the right ID and type; tampered body and wrong secret rejected.</summary>
public sealed class ProviderVectorTests
{
    internal static readonly Dictionary<string, string[]> Files = new()
    {
        ["stripe"] = ["stripe.json", "stripe-events.json"],
        ["github"] = ["github.json", "github-examples.json", "github-sha1.json"],
        ["standardwebhooks"] = ["standardwebhooks.json", "standardwebhooks-v1a.json"],
        ["discord"] = ["discord.json"],
        ["shopify"] = ["shopify.json"],
        ["slack"] = ["slack.json"],
        ["paddle"] = ["paddle.json"],
        ["linear"] = ["linear.json"],
        ["razorpay"] = ["razorpay.json"],
        ["coinbase"] = ["coinbase.json"],
        ["intercom"] = ["intercom.json"],
        ["bitbucket"] = ["bitbucket.json"],
        ["jira"] = ["jira.json"],
        ["typeform"] = ["typeform.json"],
        ["calendly"] = ["calendly.json"],
        ["mollie"] = ["mollie.json"],
        ["docusign"] = ["docusign.json"],
        ["quickbooks"] = ["quickbooks.json"],
        ["gitlab"] = ["gitlab.json"],
        ["zoom"] = ["zoom.json"],
        ["twitch"] = ["twitch.json"],
        ["xero"] = ["xero.json"],
        ["mailgun"] = ["mailgun.json"],
        ["sendgrid"] = ["sendgrid.json"],
        ["adyen"] = ["adyen.json"],
        ["meta"] = ["meta.json"],
        ["dropbox"] = ["dropbox.json"],
        ["okta"] = ["okta.json"],
        ["msgraph"] = ["msgraph.json"],
        ["eventgrid"] = ["eventgrid.json"],
        ["twilio"] = ["twilio.json"],
        ["square"] = ["square.json"],
        ["hubspot"] = ["hubspot.json"],
        ["paypal"] = ["paypal.json"],
    };

    internal static readonly Dictionary<string, string> WrongSecrets = new()
    {
        ["stripe"] = "whsec_not_the_secret",
        ["github"] = "wrong",
        ["standardwebhooks"] = "whsec_" + Convert.ToBase64String(new byte[32]),
        ["discord"] = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
        ["shopify"] = "not-the-client-secret",
        ["slack"] = "not-the-signing-secret",
        ["paddle"] = "pdl_ntfset_wrong",
        ["linear"] = "lin_wh_wrong",
        ["razorpay"] = "wrong-webhook-secret",
        ["coinbase"] = "wrong-shared-secret",
        ["intercom"] = "wrong-client-secret",
        ["bitbucket"] = "wrong-webhook-secret",
        ["jira"] = "wrong-jira-secret",
        ["typeform"] = "wrong-typeform-secret",
        ["calendly"] = "wrong-signing-key",
        ["mollie"] = "wrong-mollie-signing-secret",
        ["docusign"] = Convert.ToBase64String(new byte[32]),
        ["quickbooks"] = "wrong-verifier-token",
        ["gitlab"] = "whsec_" + Convert.ToBase64String(new byte[32]),
        ["zoom"] = "not-the-secret-token",
        ["twitch"] = "not-the-eventsub-secret",
        ["xero"] = "not-the-xero-webhook-key",
        ["mailgun"] = "not-the-webhook-signing-key",
        ["sendgrid"] = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqTxd43gyp8IOEto2LdIfjRQrIbsd4SXZkLW6jDutdhXSJCWHw8REntlo7aNDthvj+y7GjUuFDb/R1NGe1OPzpA==",
        ["adyen"] = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF",
        ["meta"] = "00000000000000000000000000000000",
        ["dropbox"] = "not-the-app-secret",
        ["okta"] = "not-the-hook-secret",
        ["msgraph"] = "NotTheClientState",
        ["eventgrid"] = "not-the-code",
        ["twilio"] = "0123456789abcdef0123456789abcdef",
        ["square"] = "not-the-signature-key",
        ["hubspot"] = "00000000-0000-0000-0000-000000000000",
        ["paypal"] = "5WRONG0WEBHOOK0ID",
    };

    // Mailgun and Adyen's standard webhooks sign chosen fields, not the raw body, and a body cut short is no longer JSON;
    // MailgunTests and AdyenTests tamper with their signed fields instead.
    internal static readonly HashSet<string> FieldSigned = ["mailgun", "adyen"];

    /// <summary>
    /// Providers that sign nothing and authenticate with a shared secret sent beside the body (a header, the query, Graph's
    /// clientState): a changed body cannot be detected, so the tampered-body check does not apply; the wrong-secret one does.
    /// </summary>
    internal static readonly HashSet<string> SharedSecretOnly = ["okta", "msgraph", "eventgrid"];

    public static IEnumerable<object[]> All =>
        Files.SelectMany(p => p.Value.SelectMany(file => Vectors.Load(file).Select(v => new object[] { p.Key, v })));

    public static IEnumerable<object[]> BodySigned =>
        All.Where(row => !FieldSigned.Contains((string)row[0]) && !SharedSecretOnly.Contains((string)row[0]));

    [Theory]
    [MemberData(nameof(All))]
    public void Verify_ProviderVector_VerifiedWithEventIdAndType(string provider, Vector vector)
    {
        var result = Verify(provider, vector);

        if (vector.EventId is null)
        {
            Assert.Equal(VerificationStatus.Handshake, result.Status);
            Assert.Equal(vector.Challenge, result.Reply!.Body);
            return;
        }

        Assert.Equal(VerificationStatus.Verified, result.Status);
        Assert.Equal(vector.EventId, result.EventId);
        Assert.Equal(vector.EventType, result.EventType);
    }

    [Theory]
    [MemberData(nameof(BodySigned))]
    public void Verify_TamperedBody_Invalid(string provider, Vector vector) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(provider, vector, body: Tamper(vector.Body)).Status);

    [Theory]
    [MemberData(nameof(All))]
    public void Verify_WrongSecret_Invalid(string provider, Vector vector) =>
        Assert.Equal(VerificationStatus.InvalidSignature, Verify(provider, vector, secret: WrongSecrets[provider]).Status);
}
