using System.Net;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Api;

public sealed class IngestEndpointTests : IAsyncLifetime
{
    private static readonly Vector Stripe = Vectors.Load("stripe.json")[0];
    private readonly FakeTimeProvider _time = new(Stripe.NowTime);
    private HubHost _hub = null!;
    private TestTenant _tenant = null!;
    private string _source = null!;

    public async Task InitializeAsync()
    {
        _hub = await HubHost.StartAsync(_time, extraArgs: "--WebhookHub:MaxBodyBytes=8192");
        _tenant = await _hub.CreateTenantAsync();
        _source = await _tenant.CreateSourceAsync("stripe", [Stripe.Secret]);
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private Task<HttpResponseMessage> PostAsync(string? body = null, Dictionary<string, string>? headers = null, string? source = null) =>
        IngestClient.PostAsync(_hub.Client, source ?? _source, body ?? Stripe.Body, headers ?? Stripe.Headers);

    private async Task<int> StoredEventCount() => (await _tenant.ListAsync("/api/events")).Count;

    [Fact]
    public async Task Post_ValidStripeVector_200WithEventId()
    {
        using var response = await PostAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = IngestClient.Problem(response);
        Assert.StartsWith("evt_", body.GetProperty("eventId").GetString());
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        var stored = await _tenant.GetJsonAsync($"/api/events/{body.GetProperty("eventId").GetString()}");
        Assert.Equal(Stripe.EventId, stored["providerEventId"]!.GetValue<string>());
        Assert.Equal(Stripe.EventType, stored["eventType"]!.GetValue<string>());
        Assert.Equal(Stripe.Body, stored["payload"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_Duplicate_200DuplicateAndStoredOnce()
    {
        using var first = await PostAsync();
        using var second = await PostAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.True(IngestClient.Problem(second).GetProperty("duplicate").GetBoolean());
        Assert.Equal(IngestClient.Problem(first).GetProperty("eventId").GetString(), IngestClient.Problem(second).GetProperty("eventId").GetString());
        Assert.Equal(1, await StoredEventCount());
    }

    [Fact]
    public async Task Post_UnknownSource_404Problem()
    {
        using var response = await PostAsync(source: "src_doesnotexist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_TamperedBody_401NothingStoredNoSecretEchoed()
    {
        using var response = await PostAsync(body: Stripe.Body.Replace("succeeded", "failed"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Stripe.Secret, text);
        Assert.DoesNotContain(Stripe.Headers["Stripe-Signature"].Split(',')[1], text);
        Assert.Equal(0, await StoredEventCount());
    }

    [Fact]
    public async Task Post_MissingSignature_401NothingStored()
    {
        using var response = await PostAsync(headers: new() { ["Content-Type"] = "application/json" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("missing", IngestClient.Problem(response).GetProperty("detail").GetString());
        Assert.Equal(0, await StoredEventCount());
    }

    [Fact]
    public async Task Post_StaleTimestamp_401NothingStored()
    {
        _time.Advance(TimeSpan.FromSeconds(301));

        using var response = await PostAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("tolerance", IngestClient.Problem(response).GetProperty("detail").GetString());
        Assert.Equal(0, await StoredEventCount());
    }

    [Fact]
    public async Task Post_BodyOverLimit_413NothingStored()
    {
        var big = "{\"id\":\"evt_big\",\"type\":\"x\",\"pad\":\"" + new string('a', 9000) + "\"}";

        using var response = await PostAsync(body: big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await StoredEventCount());
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_413()
    {
        var big = new string('a', 20_000);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{_source}")
        {
            Content = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(big))),
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_ChunkedValidBody_Accepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{_source}")
        {
            Content = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(Stripe.Body))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Stripe.Headers["Stripe-Signature"]);

        using var response = await _hub.Client.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Forces HttpClient to send without a Content-Length.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
