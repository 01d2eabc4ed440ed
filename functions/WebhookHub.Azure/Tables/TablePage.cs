namespace WebhookHub.Azure.Tables;

/// <summary>One page of a query.</summary>
/// <param name="Items">The entities of this page, in the service's order (PartitionKey, then RowKey); possibly empty even when
/// more pages follow.</param>
/// <param name="ContinuationToken">Opaque token for the next page (pass it back to <see cref="TableClient.QueryAsync"/>); null
/// when the query is done. Built from the <c>x-ms-continuation-NextPartitionKey</c>/<c>NextRowKey</c> headers, see
/// https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination.</param>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);
