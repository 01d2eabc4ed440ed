using Azure.Core;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableClient
{
    /// <summary>
    /// Runs the actions as one entity group transaction: all succeed or none is applied (POST /$batch, a multipart/mixed batch
    /// holding one changeset with one <c>application/http</c> part per action). Stores each written entity's new ETag in its
    /// <see cref="TableEntity.ETag"/>. Source: https://learn.microsoft.com/rest/api/storageservices/performing-entity-group-transactions.
    /// </summary>
    /// <param name="actions">Up to 100 actions on distinct entities of one partition; an empty list sends nothing.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The new ETags in the order of <paramref name="actions"/>; null for <see cref="TableTransactionActionType.Delete"/>.</returns>
    /// <exception cref="ArgumentException">More than 100 actions, more than one PartitionKey, the same entity twice, an unknown
    /// action type or a key with a forbidden character (all before any request).</exception>
    /// <exception cref="TableRequestException">The transaction failed: <see cref="TableRequestException.Status"/> and
    /// <see cref="TableRequestException.ErrorCode"/> are the failing operation's (e.g. 409 <c>EntityAlreadyExists</c>, 412
    /// <c>UpdateConditionNotSatisfied</c>, 404 <c>ResourceNotFound</c>), <see cref="TableRequestException.FailedActionIndex"/> its
    /// zero-based index; or the batch request itself failed.</exception>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count == 0) return [];
        ValidateTransaction(actions);

        var batch = TableBatchRequest.Write(this, actions);
        using var message = CreateMessage(RequestMethod.Post, "/$batch", TableRestFormat.MinimalMetadata);
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        var response = await SendAsync(message, "SubmitTransaction", ct).ConfigureAwait(false);
        ThrowIfError(response, "SubmitTransaction");

        var results = TableBatchResponse.Parse(response);
        var failed = results.FindIndex(r => r.Status >= 400);
        if (failed >= 0)
        {
            var error = TableErrors.Parse(results[failed].Body.Span);
            // The service answers a failure with one part whose message says the index; fall back to the part's position
            // only when every action got its own part.
            var index = error.FailedIndex ?? (results.Count == actions.Count ? failed : null);
            throw TableErrors.Exception("SubmitTransaction", Name, results[failed].Status, error.Code, index);
        }

        if (results.Count != actions.Count)
            throw new TableRequestException(response.Status, null,
                $"Table SubmitTransaction on '{Name}' answered {results.Count} operation results for {actions.Count} actions.");

        var etags = new string?[actions.Count];
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i].ActionType == TableTransactionActionType.Delete) continue;
            etags[i] = results[i].ETag;
            actions[i].Entity.ETag = results[i].ETag;
        }

        return etags;
    }

    private static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count > TableRestFormat.MaxTransactionActions)
            throw new ArgumentException($"A transaction holds at most {TableRestFormat.MaxTransactionActions} actions; got {actions.Count}.", nameof(actions));
        var partition = actions[0]?.Entity?.PartitionKey;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            if (action.Entity is null) throw new ArgumentException($"Action {i} has no entity.", nameof(actions));
            if (!Enum.IsDefined(action.ActionType)) throw new ArgumentException($"Action {i} has an unknown type.", nameof(actions));
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
                throw new ArgumentException($"All actions of a transaction share one PartitionKey; action {i} has another.", nameof(actions));
            TableKey.Validate(action.Entity.PartitionKey, action.Entity.RowKey);
            if (!seen.Add(action.Entity.RowKey))
                throw new ArgumentException($"An entity appears at most once in a transaction; action {i} repeats a RowKey.", nameof(actions));
        }
    }
}
