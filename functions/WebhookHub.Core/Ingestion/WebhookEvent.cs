namespace WebhookHub.Ingestion;

/// <summary>An event accepted from a provider: stored once per (source, provider event ID), then fanned out.</summary>
/// <param name="Id">WebhookHub's event ID, <c>evt_…</c>, derived from source and provider event ID (see <see cref="EventIds"/>).</param>
/// <param name="TenantId">The source's tenant.</param>
/// <param name="SourceId">The source it arrived on.</param>
/// <param name="ProviderEventId">The provider's event ID, the deduplication key within the source.</param>
/// <param name="EventType">The provider's event type, or <see langword="null"/>.</param>
/// <param name="ContentType">The request's <c>Content-Type</c>, copied to deliveries.</param>
/// <param name="Payload">The raw body bytes, never re-serialised.</param>
/// <param name="ReceivedAt">When it was accepted.</param>
public sealed record WebhookEvent(
    string Id,
    string TenantId,
    string SourceId,
    string ProviderEventId,
    string? EventType,
    string? ContentType,
    ReadOnlyMemory<byte> Payload,
    DateTimeOffset ReceivedAt);
