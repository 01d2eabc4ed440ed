namespace WebhookHub.Benchmarks;

/// <summary>What an <see cref="IIngestClient"/> send returns besides an HTTP status code.</summary>
internal static class SendStatus
{
    /// <summary>No (complete) response: connection failure, protocol error or timeout.</summary>
    public const int TransportError = -1;

    /// <summary>A 200 whose body lacked the target's success marker.</summary>
    public const int UnexpectedBody = -2;
}
