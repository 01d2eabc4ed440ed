namespace WebhookHub.Azure.Messaging;

/// <summary>
/// The outbox of a store whose events are published to a message broker: every stored event leaves an entry, written atomically
/// with the event, that stays until <see cref="RemoveAsync"/> after the event's message was accepted by the broker.
/// </summary>
public interface IEventOutbox
{
    /// <summary>Raised after an event and its outbox entry are durable, so the relay can publish at once.</summary>
    event Action<OutboxEntry>? Stored;

    /// <summary>Entries stored before <paramref name="storedBefore"/>, oldest tenants first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListAsync(DateTimeOffset storedBefore, int max, CancellationToken cancellationToken = default);

    /// <summary>Removes a published entry; removing one that is already gone is not an error.</summary>
    Task RemoveAsync(OutboxEntry entry, CancellationToken cancellationToken = default);
}
