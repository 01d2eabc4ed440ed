namespace WebhookHub.Azure.Tables;

/// <summary>
/// The tables the Table Storage store uses; the Bicep deployment creates exactly these. Table names are 3–63 letters and
/// digits (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names).
/// </summary>
public static class TableNames
{
    /// <summary>Tenants (partition = tenant ID), their subscriptions (same partition), API-key lookups and sources (partition = source ID).</summary>
    public const string Tenants = "tenants";

    /// <summary>
    /// Events, partitioned by tenant. This is also the inbox: an event's ID is derived from its source and the provider's event ID
    /// (<c>EventIds.ForEvent</c>), so inserting its row fails with 409 EntityAlreadyExists for a duplicate. The listing index and
    /// the outbox rows sit in the same partition and are written in the same entity group transaction.
    /// </summary>
    public const string Events = "events";

    /// <summary>Deliveries, their listing index and their attempts, partitioned by tenant.</summary>
    public const string Deliveries = "deliveries";

    /// <summary>Bulk replay jobs, partitioned by tenant.</summary>
    public const string ReplayJobs = "replayjobs";

    /// <summary>Every table, in the order they are created.</summary>
    public static IReadOnlyList<string> All { get; } = [Tenants, Events, Deliveries, ReplayJobs];
}
