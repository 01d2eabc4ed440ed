namespace WebhookHub.Providers;

/// <summary>The outcome of verifying one webhook: either verified with the provider's event ID and type, or a rejection reason.</summary>
public readonly record struct VerificationResult
{
    private VerificationResult(VerificationStatus status, string? eventId, string? eventType, ProviderReply? reply = null)
    {
        Status = status;
        EventId = eventId;
        EventType = eventType;
        Reply = reply;
    }

    /// <summary>The outcome.</summary>
    public VerificationStatus Status { get; }

    /// <summary>The provider's event ID, used for deduplication; set when <see cref="IsVerified"/>.</summary>
    public string? EventId { get; }

    /// <summary>The event type used for routing (for example <c>invoice.paid</c>); <see langword="null"/> when the provider gives none.</summary>
    public string? EventType { get; }

    /// <summary>
    /// The body the provider expects in the 200 answer: always set for <see cref="VerificationStatus.Handshake"/>; for a
    /// verified event only when the provider requires one (else WebhookHub answers with its own JSON).
    /// </summary>
    public ProviderReply? Reply { get; }

    /// <summary><see langword="true"/> when the signature matched and an event ID was found.</summary>
    public bool IsVerified => Status == VerificationStatus.Verified;

    /// <summary>Creates a verified result.</summary>
    /// <param name="eventId">The provider's event ID.</param>
    /// <param name="eventType">The event type, or <see langword="null"/>.</param>
    /// <param name="reply">What to answer once the event is stored, when the provider requires a particular body.</param>
    public static VerificationResult Verified(string eventId, string? eventType, ProviderReply? reply = null) =>
        new(VerificationStatus.Verified, eventId, eventType, reply);

    /// <summary>Creates a handshake result: the request was authentic and must be answered with <paramref name="response"/>.</summary>
    public static VerificationResult Handshake(ProviderReply response) => new(VerificationStatus.Handshake, null, null, response);

    /// <summary>Creates a rejection.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="VerificationStatus.Verified"/>.</exception>
    public static VerificationResult Rejected(VerificationStatus status) =>
        status is VerificationStatus.Verified or VerificationStatus.Handshake
            ? throw new ArgumentException("A rejection needs a failure status.", nameof(status))
            : new(status, null, null);
}
