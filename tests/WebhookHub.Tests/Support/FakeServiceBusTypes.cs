using System.Text;

namespace WebhookHub.Tests.Support;

/// <summary>A request <see cref="FakeServiceBus"/> received (recorded on arrival, before the authorization check).</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/events/messages</c>.</param>
/// <param name="Query">The query string with its <c>?</c>, or empty.</param>
/// <param name="Headers">Every request header (names compared without regard to case; repeated values joined with a comma).</param>
/// <param name="Body">The exact body bytes.</param>
public sealed record FakeServiceBusRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>Where a message is in its entity.</summary>
public enum FakeMessageState
{
    /// <summary>Sent with a <c>ScheduledEnqueueTimeUtc</c> still in the future: invisible to receivers.</summary>
    Scheduled,

    /// <summary>Visible: the next peek-lock may take it.</summary>
    Active,

    /// <summary>Peek-locked by a receiver until <see cref="FakeServiceBusMessage.LockedUntil"/>.</summary>
    Locked,
}

/// <summary>A snapshot of a message held by <see cref="FakeServiceBus"/>, with the broker and user properties it was sent with.</summary>
public sealed record FakeServiceBusMessage(
    string EntityPath,
    long SequenceNumber,
    byte[] Body,
    string? ContentType,
    string MessageId,
    string? SessionId,
    string? CorrelationId,
    string? Label,
    TimeSpan? TimeToLive,
    DateTimeOffset? ScheduledEnqueueTime,
    DateTimeOffset EnqueuedTime,
    IReadOnlyDictionary<string, string> UserProperties,
    int DeliveryCount,
    FakeMessageState State,
    string? LockToken,
    DateTimeOffset? LockedUntil)
{
    public string BodyText => Encoding.UTF8.GetString(Body);
}

/// <summary>A dead-lettered message and why (<c>MaxDeliveryCountExceeded</c> or <c>TTLExpiredException</c>, Service Bus's reasons).</summary>
public sealed record FakeServiceBusDeadLetter(FakeServiceBusMessage Message, string Reason, DateTimeOffset DeadLetteredAt);
