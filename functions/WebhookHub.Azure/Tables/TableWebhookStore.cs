namespace WebhookHub.Azure.Tables;

/// <summary>
/// WebhookHub's store on Azure Table Storage: tenants, sources and subscriptions; events (the inbox) with their outbox; deliveries
/// with their attempts; bulk replay jobs. Every partition is one tenant (sources: one source), so each write that must be atomic
/// (event + listing row + outbox row; delivery + listing row + attempt) is one entity group transaction. Work reaches dispatch and
/// delivery through messages (Service Bus), not by polling this store: <see cref="Routing.IDispatchQueue.ClaimAsync"/> and
/// <see cref="Delivery.IDeliveryStore.ClaimDueAsync(Delivery.DeliveryClaim, CancellationToken)"/> are not supported.
/// </summary>
/// <remarks>
/// Throughput: Table Storage serves about 2,000 entities per second per partition
/// (https://learn.microsoft.com/azure/storage/tables/scalability-targets), so one tenant's ingest (three entities per event) tops
/// out near 650 events per second. Listings use an inverted-time row key per row; filters other than the tenant (status,
/// subscription) are evaluated by the service over that tenant's listing rows.
/// </remarks>
public sealed partial class TableWebhookStore
{
    /// <summary>The largest event body the store keeps: 983,040 bytes (15 binary properties of 64 KiB; an entity holds 1 MiB).</summary>
    public const int MaxEventBytes = 15 * 64 * 1024;

    private readonly TableClient _tenants;
    private readonly TableClient _events;
    private readonly TableClient _deliveries;
    private readonly TableClient _replayJobs;

    /// <summary>Creates the store over the tables of <paramref name="service"/> (see <see cref="TableNames"/>).</summary>
    /// <param name="service">The account.</param>
    /// <param name="tablePrefix">Letters and digits put before every table name, so that several stores can share one account
    /// (tests do); empty for the deployed names.</param>
    /// <exception cref="ArgumentException">The prefix makes an invalid table name.</exception>
    public TableWebhookStore(TableServiceClient service, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        _tenants = service.GetTableClient(tablePrefix + TableNames.Tenants);
        _events = service.GetTableClient(tablePrefix + TableNames.Events);
        _deliveries = service.GetTableClient(tablePrefix + TableNames.Deliveries);
        _replayJobs = service.GetTableClient(tablePrefix + TableNames.ReplayJobs);
    }

    /// <summary>Creates the tables that do not exist yet.</summary>
    /// <exception cref="TableRequestException">The service refused (for example the identity lacks a data role).</exception>
    public async Task CreateTablesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { _tenants, _events, _deliveries, _replayJobs })
        {
            await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads every page of <paramref name="filter"/> until <paramref name="take"/> rows are read (or all, when null).</summary>
    private static async Task<List<TableEntity>> QueryAsync(TableClient table, string filter, int? take, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        string? continuation = null;
        do
        {
            var pageSize = take is { } t ? Math.Clamp(t - rows.Count, 1, 1000) : 1000;
            var page = await table.QueryAsync(filter, pageSize, continuation, null, cancellationToken).ConfigureAwait(false);
            rows.AddRange(page.Items);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && (take is null || rows.Count < take));

        return take is { } limit && rows.Count > limit ? rows.GetRange(0, limit) : rows;
    }
}
