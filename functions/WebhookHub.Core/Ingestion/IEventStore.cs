namespace WebhookHub.Ingestion;

/// <summary>The inbox: stores each event once and queues it for dispatch in the same commit (the outbox).</summary>
public interface IEventStore
{
    /// <summary>
    /// Inserts <paramref name="webhookEvent"/> unless an event with the same ID exists, and queues it for dispatch in the same commit.
    /// Returns only once the outcome is durable.
    /// </summary>
    /// <returns><see langword="true"/> when inserted; <see langword="false"/> when it was a duplicate (nothing queued).</returns>
    /// <exception cref="StoreOverloadedException">The write queue is full; the caller should answer 503 and let the provider retry.</exception>
    Task<bool> AppendAsync(WebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>Reads one of a tenant's events, or <see langword="null"/> (also when it belongs to another tenant).</summary>
    Task<WebhookEvent?> GetEventAsync(string tenantId, string eventId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's events, newest first (by receipt time, then ID).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="limit">At most this many, 1 to 1000.</param>
    /// <param name="afterEventId">
    /// Paging cursor: only events that come after this one in the listing order (the last ID of the previous page);
    /// <see langword="null"/> for the first page. An ID the tenant does not own gives an empty page.
    /// </param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<IReadOnlyList<WebhookEvent>> ListEventsAsync(string tenantId, int limit, string? afterEventId, CancellationToken cancellationToken = default);
}
