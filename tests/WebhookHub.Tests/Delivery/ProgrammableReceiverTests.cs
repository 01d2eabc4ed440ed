using System.Net;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>The test receiver itself: sequences, recording and signature checks, so the delivery tests can trust it.</summary>
public sealed class ProgrammableReceiverTests : IAsyncLifetime
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private ProgrammableReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await ProgrammableReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _receiver.DisposeAsync();
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string path, string secret)
    {
        var body = "{}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, _receiver.UrlFor(path)) { Content = new ByteArrayContent(body) };
        request.Headers.Add("webhook-id", "evt_1");
        request.Headers.Add("webhook-timestamp", "1700000000");
        request.Headers.Add("webhook-signature", StandardWebhooksSigner.Sign(secret, "evt_1", 1700000000, body));
        return await _client.SendAsync(request).DefaultTimeout();
    }

    [Fact]
    public async Task Program_Sequence_EachBehaviourInTurnThenTheLastRepeats()
    {
        _receiver.Program("seq", ReceiverBehavior.ServerError(503).Repeat(2), ReceiverBehavior.Redirect("/x", 308), ReceiverBehavior.Ok(204));

        var codes = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await _client.PostAsync(_receiver.UrlFor("seq"), new StringContent("{}")).DefaultTimeout();
            codes.Add((int)response.StatusCode);
        }

        Assert.Equal([503, 503, 308, 204, 204], codes);
        Assert.Equal(5, _receiver.RequestsTo("/seq").Count);
    }

    [Fact]
    public async Task Expect_SignatureCheckedAgainstThePathsSecret()
    {
        var secret = ApiKeys.CreateSigningSecret();
        _receiver.Expect("signed", secret).Expect("other", ApiKeys.CreateSigningSecret());

        using var good = await PostSignedAsync("signed", secret);
        using var wrong = await PostSignedAsync("other", secret);
        using var unknown = await PostSignedAsync("unset", secret);

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal([true, false, false], _receiver.Requests.Select(r => r.SignatureValid));
        Assert.Equal("evt_1", _receiver.Requests[0].WebhookId);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(_receiver.Requests[0].Body));
    }

    [Fact]
    public async Task TooManyRequests_HttpDate_SentInImfFixdateForm()
    {
        _receiver.Program("date", ReceiverBehavior.TooManyRequests(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero)));

        using var response = await _client.PostAsync(_receiver.UrlFor("date"), new StringContent("{}")).DefaultTimeout();

        Assert.Equal(429, (int)response.StatusCode);
        Assert.Equal("Wed, 21 Oct 2015 07:28:00 GMT", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Reset_ClientSeesNoResponse()
    {
        _receiver.Program("reset", ReceiverBehavior.Reset());

        await Assert.ThrowsAsync<HttpRequestException>(() => _client.PostAsync(_receiver.UrlFor("reset"), new StringContent("{}")).DefaultTimeout());
        Assert.Single(_receiver.RequestsTo("reset"));
    }
}
