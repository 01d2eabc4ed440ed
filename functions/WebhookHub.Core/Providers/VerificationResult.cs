namespace WebhookHub.Providers;

/// <summary>The outcome of verifying one webhook: either verified with the provider's event ID and type, or a rejection reason.</summary>
public readonly record struct VerificationResult
{
    private VerificationResult(VerificationStatus status, string? eventId, string? eventType, HandshakeResponse? handshake = null)
    {
        Status = status;
        EventId = eventId;
        EventType = eventType;
        HandshakeResponse = handshake;
    }

    /// <summary>The outcome.</summary>
    public VerificationStatus Status { get; }

    /// <summary>The provider's event ID, used for deduplication; set when <see cref="IsVerified"/>.</summary>
    public string? EventId { get; }

    /// <summary>The event type used for routing (for example <c>invoice.paid</c>); <see langword="null"/> when the provider gives none.</summary>
    public string? EventType { get; }

    /// <summary>What to answer a handshake with; set when <see cref="Status"/> is <see cref="VerificationStatus.Handshake"/>.</summary>
    public HandshakeResponse? HandshakeResponse { get; }

    /// <summary><see langword="true"/> when the signature matched and an event ID was found.</summary>
    public bool IsVerified => Status == VerificationStatus.Verified;

    /// <summary>Creates a verified result.</summary>
    public static VerificationResult Verified(string eventId, string? eventType) => new(VerificationStatus.Verified, eventId, eventType);

    /// <summary>Creates a handshake result: the request was authentic and must be answered with <paramref name="response"/>.</summary>
    public static VerificationResult Handshake(HandshakeResponse response) => new(VerificationStatus.Handshake, null, null, response);

    /// <summary>Creates a rejection.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="VerificationStatus.Verified"/>.</exception>
    public static VerificationResult Rejected(VerificationStatus status) =>
        status is VerificationStatus.Verified or VerificationStatus.Handshake
            ? throw new ArgumentException("A rejection needs a failure status.", nameof(status))
            : new(status, null, null);
}
