using System.Text.Json;
using WebhookHub.Delivery;
using WebhookHub.Replay;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableWebhookStore : IReplayJobStore
{
    /// <inheritdoc/>
    public async Task<ReplayJob> CreateReplayJobAsync(ReplayJob job, CancellationToken cancellationToken = default)
    {
        var candidates = await QueryAsync(_deliveries, CandidateFilter(job), null, cancellationToken).ConfigureAwait(false);
        job = job with { Total = candidates.Count };
        await _replayJobs.AddEntityAsync(ReplayJobRow(job), cancellationToken).ConfigureAwait(false);
        return job;
    }

    /// <inheritdoc/>
    public async Task<ReplayJob?> GetReplayJobAsync(string tenantId, string jobId, CancellationToken cancellationToken = default)
    {
        var row = await _replayJobs.GetEntityAsync(TableRowKeys.Id(tenantId), TableRowKeys.Id(jobId), cancellationToken).ConfigureAwait(false);
        return row is null ? null : ReadReplayJob(row);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ReplayJob>> ListUnfinishedReplayJobsAsync(CancellationToken cancellationToken = default)
    {
        var filter = TableFilter.Or(TableFilter.Equal("Status", (int)ReplayJobStatus.Queued), TableFilter.Equal("Status", (int)ReplayJobStatus.Running));
        var rows = await QueryAsync(_replayJobs, filter, null, cancellationToken).ConfigureAwait(false);
        return rows.Select(ReadReplayJob).OrderBy(j => j.CreatedAt).ThenBy(j => j.Id, StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    /// <remarks>Newest first (the listing order); the job's cursor is the last delivery handed out.</remarks>
    public async Task<IReadOnlyList<WebhookDelivery>> ListReplayCandidatesAsync(ReplayJob job, int max, CancellationToken cancellationToken = default)
    {
        var filter = CandidateFilter(job);
        if (job is { CursorCreatedAt: { } at, CursorDeliveryId: { } id })
        {
            filter = TableFilter.And(filter, TableFilter.Compare("RowKey", "gt", TableRowKeys.List(at, id)));
        }

        var rows = await QueryAsync(_deliveries, filter, max, cancellationToken).ConfigureAwait(false);
        return rows.Select(r => ReadDelivery(job.TenantId, r)).ToList();
    }

    /// <inheritdoc/>
    public Task SaveReplayProgressAsync(ReplayJob job, CancellationToken cancellationToken = default) =>
        _replayJobs.UpsertEntityAsync(ReplayJobRow(job), merge: false, cancellationToken);

    private static string CandidateFilter(ReplayJob job) => TableFilter.And(
        TableFilter.PartitionEquals(TableRowKeys.Id(job.TenantId)),
        TableRowKeys.Range(TableRowKeys.ListPrefix),
        TableFilter.Equal("SubscriptionId", job.SubscriptionId),
        TableFilter.Compare("CreatedAt", "ge", job.Since),
        TableFilter.Compare("CreatedAt", "le", job.CreatedAt),
        StatusIn(job.Statuses));

    /// <summary>The filter for <paramref name="statuses"/>: <c>(Status eq 2 or Status eq 3)</c>.</summary>
    private static string StatusIn(IEnumerable<DeliveryStatus> statuses) =>
        TableFilter.Or([.. statuses.Select(s => TableFilter.Equal("Status", (int)s))]);

    private static TableEntity ReplayJobRow(ReplayJob job) => new(TableRowKeys.Id(job.TenantId), TableRowKeys.Id(job.Id))
    {
        ["JobId"] = job.Id,
        ["SubscriptionId"] = job.SubscriptionId,
        ["Since"] = job.Since,
        ["Statuses"] = JsonSerializer.Serialize(job.Statuses.Select(s => (int)s).ToArray(), TableStoreJson.Default.Int32Array),
        ["RatePerSecond"] = job.RatePerSecond,
        ["Status"] = (int)job.Status,
        ["Total"] = job.Total,
        ["Replayed"] = job.Replayed,
        ["CursorCreatedAt"] = job.CursorCreatedAt,
        ["CursorDeliveryId"] = job.CursorDeliveryId,
        ["CreatedAt"] = job.CreatedAt,
        ["UpdatedAt"] = job.UpdatedAt,
        ["Error"] = job.Error,
    };

    private static ReplayJob ReadReplayJob(TableEntity row) => new(
        row.GetString("JobId")!, TableKey.Unescape(row.PartitionKey), row.GetString("SubscriptionId")!, row.GetDateTimeOffset("Since")!.Value,
        JsonSerializer.Deserialize(row.GetString("Statuses")!, TableStoreJson.Default.Int32Array)!.Select(s => (DeliveryStatus)s).ToList(),
        row.GetInt32("RatePerSecond")!.Value, (ReplayJobStatus)row.GetInt32("Status")!.Value, row.GetInt64("Total")!.Value, row.GetInt64("Replayed")!.Value,
        row.GetDateTimeOffset("CursorCreatedAt"), row.GetString("CursorDeliveryId"), row.GetDateTimeOffset("CreatedAt")!.Value,
        row.GetDateTimeOffset("UpdatedAt")!.Value, row.GetString("Error"));
}
