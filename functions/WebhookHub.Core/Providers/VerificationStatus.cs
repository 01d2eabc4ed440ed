namespace WebhookHub.Providers;

/// <summary>Why a webhook was accepted or rejected by its provider scheme.</summary>
public enum VerificationStatus
{
    /// <summary>A signature matched one of the source's active secrets.</summary>
    Verified,
    /// <summary>
    /// A signed handshake (for example Slack's <c>url_verification</c>): answer it with
    /// <see cref="VerificationResult.Reply"/> and store no event.
    /// </summary>
    Handshake,
    /// <summary>The signature header (or a header the scheme needs, such as a timestamp) is absent.</summary>
    MissingSignature,
    /// <summary>The signature header is present but cannot be parsed.</summary>
    MalformedSignature,
    /// <summary>No signature matched any active secret.</summary>
    InvalidSignature,
    /// <summary>The signed timestamp lies outside the scheme's tolerance.</summary>
    StaleTimestamp,
    /// <summary>The signature matched but the provider's event ID could not be found.</summary>
    MissingEventId,
}
