using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace WebhookHub.Azure.Tables;

public sealed partial class TableClient
{
    /// <summary>Reads one page of a query (Query Entities: GET /{table}() with <c>$filter</c>, <c>$top</c>, <c>$select</c> and the
    /// continuation parameters <c>NextPartitionKey</c>/<c>NextRowKey</c>). Sources:
    /// https://learn.microsoft.com/rest/api/storageservices/query-entities and
    /// https://learn.microsoft.com/rest/api/storageservices/query-timeout-and-pagination.</summary>
    /// <param name="filter">An OData filter (build it with <see cref="TableFilter"/>); null for every entity.</param>
    /// <param name="maxPerPage">At most this many entities per page (1 to 1000); null for the service's 1000. A page may hold fewer
    /// (even none) and still have a continuation token.</param>
    /// <param name="continuationToken">The <see cref="TablePage.ContinuationToken"/> of the previous page; null for the first page.</param>
    /// <param name="select">Only these properties (PartitionKey and RowKey are always returned); null for all.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The page; its token is null when there are no more pages.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerPage"/> is outside 1 to 1000.</exception>
    /// <exception cref="ArgumentException"><paramref name="continuationToken"/> was not produced by this client.</exception>
    /// <exception cref="TableRequestException">Any error status (e.g. 404 <c>TableNotFound</c>, 400 for a malformed filter).</exception>
    public async Task<TablePage> QueryAsync(string? filter, int? maxPerPage = null, string? continuationToken = null,
        IReadOnlyList<string>? select = null, CancellationToken ct = default)
    {
        if (maxPerPage is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(top, 1, nameof(maxPerPage));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(top, TableRestFormat.MaxPageSize, nameof(maxPerPage));
        }

        var next = continuationToken is null ? default : TableContinuationToken.Decode(continuationToken);

        using var message = CreateMessage(RequestMethod.Get, $"/{Name}()", TableRestFormat.MinimalMetadata);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter)) uri.AppendQuery("$filter", filter, escapeValue: true);
        if (maxPerPage is { } pageSize) uri.AppendQuery("$top", pageSize.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        if (select is { Count: > 0 }) uri.AppendQuery("$select", SelectList(select), escapeValue: true);
        if (next.PartitionKey is not null) uri.AppendQuery("NextPartitionKey", next.PartitionKey, escapeValue: true);
        if (next.RowKey is not null) uri.AppendQuery("NextRowKey", next.RowKey, escapeValue: true);

        var response = await SendAsync(message, "QueryEntities", ct).ConfigureAwait(false);
        ThrowIfError(response, "QueryEntities");
        var items = new List<TableEntity>();
        using (var document = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (document.RootElement.TryGetProperty("value", out var value))
                foreach (var element in value.EnumerateArray())
                    items.Add(TableEntityJson.Read(element, etag: null));
        }

        return new TablePage(items, TableContinuationToken.Encode(Header(response, "x-ms-continuation-NextPartitionKey"),
            Header(response, "x-ms-continuation-NextRowKey")));
    }

    /// <summary>Every entity the query matches, page after page (see <see cref="QueryAsync"/>), in the service's order.</summary>
    /// <param name="filter">An OData filter; null for every entity.</param>
    /// <param name="maxPerPage">Entities per request (1 to 1000); null for 1000.</param>
    /// <param name="ct">Cancels the enumeration.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerPage"/> is outside 1 to 1000.</exception>
    /// <exception cref="TableRequestException">Any error status of any page.</exception>
    public async IAsyncEnumerable<TableEntity> QueryAllAsync(string? filter, int? maxPerPage = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        string? token = null;
        do
        {
            var page = await QueryAsync(filter, maxPerPage, token, select: null, ct).ConfigureAwait(false);
            foreach (var entity in page.Items) yield return entity;
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    private static string SelectList(IReadOnlyList<string> select)
    {
        var names = new List<string>(select.Count + 2) { TableRestFormat.PartitionKey, TableRestFormat.RowKey };
        foreach (var name in select)
        {
            ArgumentException.ThrowIfNullOrEmpty(name, nameof(select));
            if (!names.Contains(name, StringComparer.Ordinal)) names.Add(name);
        }

        return string.Join(',', names);
    }

    private static string? Header(Response response, string name) =>
        response.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
