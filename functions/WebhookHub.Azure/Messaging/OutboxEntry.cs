namespace WebhookHub.Azure.Messaging;

/// <summary>An event stored but not yet published: the outbox row written in the same transaction as the event.</summary>
/// <param name="TenantId">The event's tenant.</param>
/// <param name="EventId">The event (<c>evt_…</c>).</param>
/// <param name="StoredAt">When the event was stored.</param>
/// <param name="TraceParent">The W3C <c>traceparent</c> of the ingest request, carried on the message as <c>Diagnostic-Id</c>.</param>
public sealed record OutboxEntry(string TenantId, string EventId, DateTimeOffset StoredAt, string? TraceParent);
