using WebhookHub.Providers;

namespace WebhookHub.Ingestion;

/// <summary>
/// The ingest path: find the source, verify the raw bytes with its provider scheme, derive the event ID, and store the event
/// once (inbox + outbox in one commit). The caller answers the provider only after this returns. Thread-safe.
/// </summary>
public sealed class Ingestor(SourceDirectory sources, IEventStore store, TimeProvider timeProvider)
{
    /// <summary>Verifies and stores one webhook.</summary>
    /// <param name="sourceId">The source ID from the ingest URL.</param>
    /// <param name="request">Method, public URL, headers and raw body; the body is only read until this method completes, so it
    /// may be a pooled buffer.</param>
    /// <param name="contentType">The request's <c>Content-Type</c>.</param>
    /// <param name="cancellationToken">Cancels the lookup; the store write itself is not abandoned once queued.</param>
    /// <exception cref="StoreOverloadedException">The store cannot take more writes now.</exception>
    public async Task<IngestOutcome> IngestAsync(
        string sourceId, WebhookRequest request, string? contentType, CancellationToken cancellationToken = default)
    {
        var entry = await sources.FindAsync(sourceId, cancellationToken).ConfigureAwait(false);
        if (entry is null) return new IngestOutcome(IngestStatus.UnknownSource);

        var source = entry.Source;
        var now = timeProvider.GetUtcNow();
        if (!entry.Verifier.AllowsMethod(request.Method)) return new IngestOutcome(IngestStatus.MethodNotAllowed, source);

        var result = entry.Verifier.Verify(request, source.ActiveSecrets(now), now);
        if (result.Status == VerificationStatus.Handshake) return new IngestOutcome(IngestStatus.Handshake, source, Reply: result.Reply);
        if (!result.IsVerified) return new IngestOutcome(IngestStatus.Rejected, source, Rejection: result.Status);

        var eventId = EventIds.ForEvent(source.Id, result.EventId!);
        var webhookEvent = new WebhookEvent(eventId, source.TenantId, source.Id, result.EventId!, result.EventType, contentType, request.Body, now);
        var inserted = await store.AppendAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
        return new IngestOutcome(inserted ? IngestStatus.Accepted : IngestStatus.Duplicate, source, eventId, result.EventType, Reply: result.Reply);
    }
}
