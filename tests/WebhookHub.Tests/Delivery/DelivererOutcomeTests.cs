using System.Net;
using System.Net.Sockets;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.Delivery;

/// <summary>
/// The outcome rules of one attempt, through the real <see cref="Deliverer"/> against a <see cref="ProgrammableReceiver"/> on
/// a fake clock: status codes, Retry-After, overload penalty, receiver directives, network failures, and per-subscription and
/// per-event-type schedules. Jitter is off (fixed random 0.5 and ratio 0) so every retry time is exact.
/// </summary>
public sealed class DelivererOutcomeTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private ProgrammableReceiver _receiver = null!;
    private DelivererHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _receiver = await ProgrammableReceiver.StartAsync(_time);
        _harness = new DelivererHarness(_time, o => o.Timeout = TimeSpan.FromMilliseconds(200));
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _receiver.DisposeAsync();
    }

    private Subscription Subscribe(string path, SubscriptionSettings? settings = null, params ReceiverBehavior[] behaviors)
    {
        var subscription = _harness.AddSubscription(_receiver.UrlFor(path), settings);
        _receiver.Expect(path, subscription.Secret);
        if (behaviors.Length > 0) _receiver.Program(path, behaviors);
        return subscription;
    }

    [Theory]
    [InlineData(200)]
    [InlineData(202)]
    [InlineData(204)]
    public async Task Deliver_2xx_SucceededAndSigned(int status)
    {
        var subscription = Subscribe("ok", null, ReceiverBehavior.Ok(status));

        var (attempt, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(status, delivery.LastStatusCode);
        Assert.Null(delivery.LastError);
        Assert.Null(attempt.Error);
        Assert.True(stored.Active);
        Assert.True(Assert.Single(_receiver.RequestsTo("ok")).SignatureValid);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Deliver_3xx_RetriedAndRedirectNotFollowed(int status)
    {
        var subscription = Subscribe("moved", null, ReceiverBehavior.Redirect(_receiver.UrlFor("elsewhere"), status));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal(status, delivery.LastStatusCode);
        Assert.Equal($"HTTP {status} (redirects are not followed)", delivery.LastError);
        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
        Assert.Empty(_receiver.RequestsTo("elsewhere"));
    }

    [Fact]
    public async Task Deliver_410_DeadLetteredAndSubscriptionDisabled()
    {
        var subscription = Subscribe("gone", null, ReceiverBehavior.Gone());

        var (attempt, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Dead, delivery.Status);
        Assert.Equal(410, delivery.LastStatusCode);
        Assert.Equal("endpoint disabled: HTTP 410 Gone", delivery.LastError);
        Assert.Equal(delivery.LastError, attempt.Error);
        Assert.False(stored.Active);
        Assert.Equal("endpoint answered HTTP 410 Gone", stored.Health.DisabledReason);
        Assert.Equal(Start, stored.Health.DisabledAt);
    }

    [Fact]
    public async Task Deliver_InactiveSubscription_DeadLetteredWithItsReasonAndNothingSent()
    {
        var subscription = Subscribe("gone-too", null, ReceiverBehavior.Gone());
        await _harness.DeliverAsync(subscription);

        var (_, second, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Dead, second.Status);
        Assert.Equal("subscription is inactive (disabled 2026-11-21 12:00:00Z: endpoint answered HTTP 410 Gone)", second.LastError);
        Assert.Null(second.LastStatusCode);
        Assert.Single(_receiver.RequestsTo("gone-too"));
        Assert.Equal(1, _harness.Subscriptions.HealthUpdates);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public async Task Deliver_DefaultPermanentStatus_DeadLetteredAtOnce(int status)
    {
        var subscription = Subscribe("permanent", null, ReceiverBehavior.Status(status, "no such hook"));

        var (attempt, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Dead, delivery.Status);
        Assert.Equal(status, delivery.LastStatusCode);
        Assert.Equal($"permanent status {status}", delivery.LastError);
        Assert.Equal("no such hook", attempt.ResponseBody);
        Assert.Equal(1, delivery.AttemptCount);
        Assert.True(stored.Active);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(422)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Deliver_OtherErrorStatus_Retried(int status)
    {
        var subscription = Subscribe("flaky", null, ReceiverBehavior.Status(status));

        var (_, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal($"HTTP {status}", delivery.LastError);
        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
        Assert.True(stored.Active);
    }

    [Fact]
    public async Task Deliver_ConfiguredPermanentCodes_ReplaceTheDefaults()
    {
        using var harness = new DelivererHarness(_time, o => o.PermanentStatusCodes = [422]);
        var subscription = harness.AddSubscription(_receiver.UrlFor("custom"));
        _receiver.Program("custom", ReceiverBehavior.Status(422).Repeat(1), ReceiverBehavior.Status(404));

        var (_, first, _) = await harness.DeliverAsync(subscription);
        var (_, second, _) = await harness.DeliverAsync(subscription);

        Assert.Equal((DeliveryStatus.Dead, "permanent status 422"), (first.Status, first.LastError));
        Assert.Equal((DeliveryStatus.Failed, "HTTP 404"), (second.Status, second.LastError));
    }

    [Fact]
    public async Task Deliver_429WithDeltaSeconds_WaitsForRetryAfter()
    {
        var subscription = Subscribe("throttled", null, ReceiverBehavior.TooManyRequests(TimeSpan.FromSeconds(120)));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal("HTTP 429", delivery.LastError);
        Assert.Equal(Start.AddSeconds(120), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_429WithHttpDate_WaitsUntilThatDate()
    {
        var subscription = Subscribe("throttled-date", null, ReceiverBehavior.TooManyRequests(Start.AddMinutes(3)));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddMinutes(3), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_429ShorterThanPenalisedBackoff_BackoffWithPenaltyWins()
    {
        var subscription = Subscribe("throttled-short", null, ReceiverBehavior.TooManyRequests(TimeSpan.FromSeconds(1)));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddSeconds(10), delivery.NextAttemptAt); // 5 s × overload penalty 2
    }

    [Fact]
    public async Task Deliver_429WithoutRetryAfter_OverloadPenaltyDoublesNextDelay()
    {
        var subscription = Subscribe("throttled-bare", null, ReceiverBehavior.TooManyRequests());

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddSeconds(10), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_RetryAfterBeyondCap_Capped()
    {
        using var harness = new DelivererHarness(_time, o => o.MaxRetryAfter = TimeSpan.FromMinutes(10));
        var subscription = harness.AddSubscription(_receiver.UrlFor("throttled-long"));
        _receiver.Program("throttled-long", ReceiverBehavior.Unavailable(TimeSpan.FromDays(2)));

        var (_, delivery, _) = await harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddMinutes(10), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_503WithRetryAfter_HonouredWithoutPenalty()
    {
        var subscription = Subscribe("unavailable", null,
            ReceiverBehavior.Unavailable(TimeSpan.FromSeconds(30)).Repeat(1), ReceiverBehavior.Unavailable(TimeSpan.FromSeconds(1)));

        var (_, first, _) = await _harness.DeliverAsync(subscription);
        var (_, second, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddSeconds(30), first.NextAttemptAt);
        Assert.Equal(Start.AddSeconds(5), second.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_RetryAfterOn500_Ignored()
    {
        var subscription = Subscribe("error-with-hint", null, ReceiverBehavior.ServerError().WithHeader("Retry-After", "3600"));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_Hang_TimesOutAtConfiguredTimeoutWithPenalty()
    {
        var subscription = Subscribe("hang", null, ReceiverBehavior.Hang());

        var attempt = _harness.DeliverAsync(subscription);
        await _receiver.WaitForRequestAsync("hang");
        _time.Advance(TimeSpan.FromMilliseconds(200));
        var (recorded, delivery, _) = await attempt;

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Null(delivery.LastStatusCode);
        Assert.Equal("timed out after 0.2 s", delivery.LastError);
        Assert.Equal(200, recorded.DurationMilliseconds);
        Assert.Equal(Start.AddMilliseconds(200).AddSeconds(10), delivery.NextAttemptAt); // 5 s × overload penalty 2
    }

    [Fact]
    public async Task Deliver_SlowWithinTimeout_Succeeds()
    {
        using var harness = new DelivererHarness(_time, o => o.Timeout = TimeSpan.FromSeconds(15));
        var subscription = harness.AddSubscription(_receiver.UrlFor("slow"));
        _receiver.Program("slow", ReceiverBehavior.Slow(TimeSpan.FromSeconds(3)));

        var attempt = harness.DeliverAsync(subscription);
        await _receiver.WaitForRequestAsync("slow");
        _time.Advance(TimeSpan.FromSeconds(3));
        var (recorded, delivery, _) = await attempt;

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.Equal(3000, recorded.DurationMilliseconds);
    }

    [Fact]
    public async Task Deliver_ConnectionReset_Retried()
    {
        var subscription = Subscribe("reset", null, ReceiverBehavior.Reset());

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Null(delivery.LastStatusCode);
        Assert.Equal("connection reset", delivery.LastError);
        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_ConnectionRefused_Retried()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var subscription = _harness.AddSubscription($"http://127.0.0.1:{port}/closed");

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal("connection failed: ConnectionRefused", delivery.LastError);
    }

    [Fact]
    public async Task Deliver_DnsFailure_Retried()
    {
        using var harness = new DelivererHarness(_time, resolve: (_, _) => throw new SocketException((int)SocketError.HostNotFound));
        var subscription = harness.AddSubscription("http://hooks.example.invalid/x");

        var (_, delivery, _) = await harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Failed, delivery.Status);
        Assert.Equal("DNS resolution failed: HostNotFound", delivery.LastError);
        Assert.Equal(Start.AddSeconds(5), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_DisableDirectiveOn200_SucceededButSubscriptionDisabled()
    {
        var subscription = Subscribe("bye", null, ReceiverBehavior.DisableEndpoint(200));

        var (_, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
        Assert.False(stored.Active);
        Assert.Equal("disabled by receiver (webhook-delivery: disable)", stored.Health.DisabledReason);
    }

    [Fact]
    public async Task Deliver_DisableDirectiveOn500_DeadLetteredAndSubscriptionDisabled()
    {
        var subscription = Subscribe("bye-error", null, ReceiverBehavior.DisableEndpoint(500));

        var (_, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Dead, delivery.Status);
        Assert.Equal("endpoint disabled by receiver (webhook-delivery: disable): HTTP 500", delivery.LastError);
        Assert.False(stored.Active);
    }

    [Fact]
    public async Task Deliver_AbortDirectiveOnError_DeadLetteredSubscriptionStaysActive()
    {
        var subscription = Subscribe("abort", null, ReceiverBehavior.AbortMessage(503).WithHeader("Retry-After", "5"));

        var (_, delivery, stored) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Dead, delivery.Status);
        Assert.Equal(503, delivery.LastStatusCode);
        Assert.Equal("aborted by receiver (webhook-delivery: abort-message): HTTP 503", delivery.LastError);
        Assert.True(stored.Active);
    }

    [Fact]
    public async Task Deliver_AbortDirectiveOnSuccess_NoEffect()
    {
        var subscription = Subscribe("abort-ok", null, ReceiverBehavior.AbortMessage(200));

        var (_, delivery, _) = await _harness.DeliverAsync(subscription);

        Assert.Equal(DeliveryStatus.Succeeded, delivery.Status);
    }

    [Fact]
    public async Task Deliver_SubscriptionSchedule_UsedAndExhaustedWithReason()
    {
        var subscription = Subscribe("own-schedule", new SubscriptionSettings { RetryDelaysSeconds = [0, 60, 600] }, ReceiverBehavior.ServerError(503));
        var webhookEvent = _harness.NewEvent();

        var (_, first, _) = await _harness.DeliverAsync(subscription, webhookEvent);
        var (_, second, _) = await _harness.DeliverAsync(subscription, webhookEvent, first);
        var (attempt, third, _) = await _harness.DeliverAsync(subscription, webhookEvent, second);

        Assert.Equal(Start.AddSeconds(60), first.NextAttemptAt);
        Assert.Equal(Start.AddSeconds(600), second.NextAttemptAt);
        Assert.Equal(DeliveryStatus.Dead, third.Status);
        Assert.Equal(3, third.AttemptCount);
        Assert.Equal(503, third.LastStatusCode);
        Assert.Equal("retries exhausted after 3 attempts: HTTP 503", third.LastError);
        Assert.Equal(third.LastError, attempt.Error);
        Assert.Equal([1, 2, 3], _receiver.RequestsTo("own-schedule").Select(r => r.Attempt));
    }

    [Theory]
    [InlineData("invoice.paid", 7)]
    [InlineData("invoice.payment.failed", 120)]
    [InlineData("customer.created", 60)]
    [InlineData(null, 60)]
    public async Task Deliver_EventTypeSchedule_MostSpecificWins(string? eventType, int expectedSeconds)
    {
        var settings = new SubscriptionSettings
        {
            RetryDelaysSeconds = [0, 60],
            RetryDelaysByEventType = new() { ["invoice.*"] = [0, 120], ["invoice.paid"] = [0, 7] },
        };
        var subscription = Subscribe("by-type", settings, ReceiverBehavior.ServerError());

        var (_, delivery, _) = await _harness.DeliverAsync(subscription, _harness.NewEvent(eventType));

        Assert.Equal(Start.AddSeconds(expectedSeconds), delivery.NextAttemptAt);
    }

    [Fact]
    public async Task Deliver_FailThenSucceed_SequenceFollowed()
    {
        var subscription = Subscribe("sequence", null, ReceiverBehavior.ServerError().Repeat(2), ReceiverBehavior.Ok());
        var webhookEvent = _harness.NewEvent();

        var (_, first, _) = await _harness.DeliverAsync(subscription, webhookEvent);
        var (_, second, _) = await _harness.DeliverAsync(subscription, webhookEvent, first);
        var (_, third, _) = await _harness.DeliverAsync(subscription, webhookEvent, second);

        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Failed, DeliveryStatus.Succeeded], [first.Status, second.Status, third.Status]);
        Assert.All(_receiver.RequestsTo("sequence"), r => Assert.True(r.SignatureValid));
        Assert.Single(_receiver.RequestsTo("sequence").Select(r => r.WebhookId).Distinct());
    }
}
