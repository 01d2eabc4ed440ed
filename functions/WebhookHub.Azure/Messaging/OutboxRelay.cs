using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebhookHub.Azure.Messaging;

/// <summary>
/// Publishes stored events to Service Bus and then removes their outbox entries. Each event is sent as soon as it is stored
/// (<see cref="IEventOutbox.Stored"/>); a sweep every <see cref="SweepInterval"/> sends whatever is still in the outbox after
/// <see cref="SweepAge"/> — events whose first send failed, or whose process stopped before sending. Because an event's message
/// ID is its event ID, a sweep racing the first send costs a duplicate that Service Bus drops, never a lost event.
/// </summary>
public sealed partial class OutboxRelay(IEventOutbox outbox, WorkPublisher publisher, TimeProvider timeProvider, ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <summary>How often the outbox is swept.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(15);

    /// <summary>How old an outbox entry must be before a sweep sends it (the immediate send has had its chance).</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromSeconds(10);

    /// <summary>Entries kept in memory for the immediate send; beyond this the sweep picks events up.</summary>
    private const int QueueCapacity = 10_000;

    private const int SweepBatch = 500;

    private readonly Channel<OutboxEntry> _stored = Channel.CreateBounded<OutboxEntry>(
        new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = false });

    /// <inheritdoc/>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        outbox.Stored += OnStored;
        return base.StartAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        outbox.Stored -= OnStored;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends every entry stored before <paramref name="storedBefore"/>; returns how many were sent.</summary>
    public async Task<int> SweepAsync(DateTimeOffset storedBefore, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var entry in await outbox.ListAsync(storedBefore, SweepBatch, cancellationToken).ConfigureAwait(false))
        {
            if (await TryRelayAsync(entry, cancellationToken).ConfigureAwait(false)) sent++;
        }

        return sent;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = Enumerable.Range(0, 4).Select(_ => SendStoredAsync(stoppingToken)).ToList();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var sent = await SweepAsync(timeProvider.GetUtcNow() - SweepAge, stoppingToken).ConfigureAwait(false);
                    if (sent > 0) LogSwept(logger, sent);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogSweepFailed(logger, exception);
                }

                await Task.Delay(SweepInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        _stored.Writer.TryComplete();
        await Task.WhenAll(senders).ConfigureAwait(false);
    }

    private void OnStored(OutboxEntry entry) => _stored.Writer.TryWrite(entry);

    private async Task SendStoredAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entry in _stored.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await TryRelayAsync(entry, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TryRelayAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishEventAsync(entry, cancellationToken).ConfigureAwait(false);
            await outbox.RemoveAsync(entry, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Left in the outbox: the next sweep sends it again.
            LogRelayFailed(logger, entry.TenantId, entry.EventId, exception);
            return false;
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Outbox: publishing event {EventId} of tenant {TenantId} failed; the next sweep retries it")]
    private static partial void LogRelayFailed(ILogger logger, string tenantId, string eventId, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Outbox sweep published {Count} events left behind")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Outbox sweep failed; retried in the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
