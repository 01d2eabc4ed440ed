using WebhookHub.Providers;

namespace WebhookHub.Ingestion;

/// <summary>What happened to one inbound webhook.</summary>
public enum IngestStatus
{
    /// <summary>Verified, stored and queued for dispatch.</summary>
    Accepted,
    /// <summary>Verified, but an event with the same provider event ID was already stored; nothing queued.</summary>
    Duplicate,
    /// <summary>No source has this ID.</summary>
    UnknownSource,
    /// <summary>Verification failed; nothing stored. See <see cref="IngestOutcome.Rejection"/>.</summary>
    Rejected,
    /// <summary>An authentic handshake; answer with <see cref="IngestOutcome.Reply"/>, nothing stored.</summary>
    Handshake,
    /// <summary>The source's provider never sends this HTTP method (for example <c>GET</c> to a Stripe source); nothing stored.</summary>
    MethodNotAllowed,
}

/// <summary>The outcome of <see cref="Ingestor.IngestAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Source">The source, when found.</param>
/// <param name="EventId">WebhookHub's event ID when accepted or duplicate.</param>
/// <param name="EventType">The event type when accepted or duplicate.</param>
/// <param name="Rejection">Why verification failed, when rejected.</param>
/// <param name="Reply">The body the provider expects: the answer to a handshake, or a required acknowledgement.</param>
public readonly record struct IngestOutcome(
    IngestStatus Status,
    Tenancy.Source? Source = null,
    string? EventId = null,
    string? EventType = null,
    VerificationStatus? Rejection = null,
    ProviderReply? Reply = null);
