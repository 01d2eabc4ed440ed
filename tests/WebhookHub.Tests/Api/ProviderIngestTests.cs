using System.Net;
using WebhookHub.Providers;
using WebhookHub.Tests.Providers;
using WebhookHub.Tests.Support;
using static WebhookHub.Tests.Providers.ProviderVerifier;

namespace WebhookHub.Tests.Api;

/// <summary>
/// Every provider through the real ingest endpoint, with the first event vector its own library (or docs) produced: accepted
/// once; the same request to a source with another secret, with a tampered body, or after its timestamp went stale gets 401
/// and stores nothing. URL-signed providers (Twilio, Square, HubSpot) need the URL they signed and have UrlSignedIngestTests;
/// PayPal fetches its certificate from PayPal and is covered by PayPalTests with a test certificate.
/// </summary>
public sealed class ProviderIngestTests
{
    private static readonly HashSet<string> CoveredElsewhere = ["twilio", "square", "hubspot", "paypal"];

    public static IEnumerable<object[]> Providers =>
        ProviderVectorTests.Files.Keys.Where(p => !CoveredElsewhere.Contains(p)).Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Post_GenuineAcceptedOnce_ForgedAndStaleRejectedWithNothingStored(string provider)
    {
        var vector = ProviderVectorTests.Files[provider].SelectMany(Vectors.Load).First(v => v.EventId is not null);
        var time = new FakeTimeProvider(vector.NowTime);
        await using var hub = await HubHost.StartAsync(time);
        var tenant = await hub.CreateTenantAsync();
        var source = await tenant.CreateSourceAsync(provider, [vector.Secret]);
        var wrong = await tenant.CreateSourceAsync(provider, [ProviderVectorTests.WrongSecrets[provider]]);
        var query = vector.RequestUrl?.Query ?? "";

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(hub, wrong + query, vector.Body, vector));
        if (!ProviderVectorTests.FieldSigned.Contains(provider) && !ProviderVectorTests.SharedSecretOnly.Contains(provider))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(hub, source + query, Tamper(vector.Body), vector));
        }

        var staleAt = vector.NowTime.AddDays(30);
        if (Verify(provider, vector, now: staleAt).Status == VerificationStatus.StaleTimestamp)
        {
            time.SetUtcNow(staleAt);
            Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(hub, source + query, vector.Body, vector));
            time.SetUtcNow(vector.NowTime);
        }

        Assert.Empty(await tenant.ListAsync("/api/events"));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(hub, source + query, vector.Body, vector));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(hub, source + query, vector.Body, vector));
        var stored = Assert.Single(await tenant.ListAsync("/api/events"));
        Assert.Equal(vector.EventId, stored!["providerEventId"]!.GetValue<string>());
        Assert.Equal(vector.EventType, stored["eventType"]?.GetValue<string>());
    }

    private static async Task<HttpStatusCode> PostAsync(HubHost hub, string sourceAndQuery, string body, Vector vector)
    {
        using var response = await IngestClient.PostAsync(hub.Client, sourceAndQuery, body, vector.Headers);
        return response.StatusCode;
    }
}
