using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Operations on one table over the Table service REST API: create, insert, point read, update/merge with ETag, upsert,
/// delete, queries with continuation, and entity group transactions. Thread-safe; get it from
/// <see cref="TableServiceClient.GetTableClient"/>.
/// </summary>
/// <remarks>
/// Every failure the service answers with is a <see cref="TableRequestException"/> carrying the status and error code, and so
/// is a request that got no answer after Azure.Core's retries (status 0, the transport's exception inside); expected outcomes
/// are values instead (a missing entity is null or false, an existing table is fine). Cancellation throws
/// <see cref="OperationCanceledException"/>.
/// Keys in URLs are written <c>(PartitionKey='…',RowKey='…')</c> with <c>'</c> doubled and then everything but RFC 3986
/// unreserved characters percent-encoded. Keys must already be valid Table keys (see <see cref="TableKey.Escape"/>).
/// REST reference: https://learn.microsoft.com/rest/api/storageservices/operations-on-entities.
/// </remarks>
public sealed partial class TableClient
{
    private static readonly RequestMethod Merge = new("MERGE");

    private readonly HttpPipeline _pipeline;
    private readonly string _endpoint;

    internal TableClient(HttpPipeline pipeline, Uri endpoint, string name)
    {
        _pipeline = pipeline;
        _endpoint = endpoint.AbsoluteUri.TrimEnd('/');
        Name = name;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>Creates the table unless it exists (Create Table: POST /Tables; 409 <c>TableAlreadyExists</c> is success).
    /// Source: https://learn.microsoft.com/rest/api/storageservices/create-table.</summary>
    /// <exception cref="TableRequestException">Any other error status (e.g. 409 <c>TableBeingDeleted</c>, 403).</exception>
    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Post, "/Tables", TableRestFormat.NoMetadata);
        message.Request.Headers.SetValue("Prefer", TableRestFormat.ReturnNoContent);
        SetJsonBody(message, JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = Name }));
        var response = await SendAsync(message, "CreateTable", ct).ConfigureAwait(false);
        if (response.IsError)
        {
            var error = TableErrors.Read(response);
            if (response.Status == 409 && error.Code == TableErrorCodes.TableAlreadyExists) return;
            throw TableErrors.Exception("CreateTable", Name, response.Status, error.Code);
        }
    }

    /// <summary>Inserts a new entity (Insert Entity: POST /{table}, <c>Prefer: return-no-content</c>) and stores the new ETag
    /// in <see cref="TableEntity.ETag"/>. Source: https://learn.microsoft.com/rest/api/storageservices/insert-entity.</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="ArgumentException">A key contains a character Table keys forbid.</exception>
    /// <exception cref="TableRequestException">409 <c>EntityAlreadyExists</c> when an entity with these keys exists (the inbox
    /// duplicate); 404 <c>TableNotFound</c>; any other error status.</exception>
    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKey.Validate(entity.PartitionKey, entity.RowKey);
        using var message = CreateMessage(RequestMethod.Post, "/" + Name, TableRestFormat.NoMetadata);
        message.Request.Headers.SetValue("Prefer", TableRestFormat.ReturnNoContent);
        SetJsonBody(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, "AddEntity", ct).ConfigureAwait(false);
        return entity.ETag = ETagOf(response, "AddEntity");
    }

    /// <summary>Reads one entity (Query Entities on <c>(PartitionKey='…',RowKey='…')</c>, minimal metadata so every typed property
    /// round-trips). Source: https://learn.microsoft.com/rest/api/storageservices/query-entities.</summary>
    /// <returns>The entity with its ETag and Timestamp, or null when it does not exist (404 <c>ResourceNotFound</c>).</returns>
    /// <exception cref="ArgumentException">A key contains a character Table keys forbid.</exception>
    /// <exception cref="TableRequestException">404 <c>TableNotFound</c> (a missing table is a misconfiguration, not a missing
    /// entity) and any other error status.</exception>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, CancellationToken ct = default)
    {
        TableKey.Validate(partitionKey, rowKey);
        using var message = CreateMessage(RequestMethod.Get, EntityPath(partitionKey, rowKey), TableRestFormat.MinimalMetadata);
        var response = await SendAsync(message, "GetEntity", ct).ConfigureAwait(false);
        if (response.Status == 404 && TableErrors.Read(response).Code != TableErrorCodes.TableNotFound) return null;
        ThrowIfError(response, "GetEntity");
        using var document = JsonDocument.Parse(response.Content.ToMemory());
        return TableEntityJson.Read(document.RootElement, HeaderETag(response));
    }

    /// <summary>Replaces (Update Entity: PUT) or merges (Merge Entity: MERGE) an existing entity, conditional on
    /// <paramref name="ifMatch"/>, and stores the new ETag in <see cref="TableEntity.ETag"/>.
    /// Sources: https://learn.microsoft.com/rest/api/storageservices/update-entity2 and
    /// https://learn.microsoft.com/rest/api/storageservices/merge-entity.</summary>
    /// <param name="entity">The entity; with <paramref name="merge"/> only its properties are changed, otherwise it replaces the stored one.</param>
    /// <param name="ifMatch">The ETag the stored entity must have; null means <c>*</c> (any version, but it must exist).</param>
    /// <param name="merge">True for MERGE, false for PUT (replace).</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>The new ETag.</returns>
    /// <exception cref="ArgumentException">A key contains a character Table keys forbid.</exception>
    /// <exception cref="TableRequestException">412 <c>UpdateConditionNotSatisfied</c> when the ETag is stale; 404
    /// <c>ResourceNotFound</c> when the entity does not exist; any other error status.</exception>
    public async Task<string> UpdateEntityAsync(TableEntity entity, string? ifMatch, bool merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKey.Validate(entity.PartitionKey, entity.RowKey);
        using var message = CreateMessage(merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey), TableRestFormat.NoMetadata);
        message.Request.Headers.SetValue("If-Match", ifMatch ?? TableRestFormat.AnyETag);
        SetJsonBody(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, "UpdateEntity", ct).ConfigureAwait(false);
        return entity.ETag = ETagOf(response, merge ? "MergeEntity" : "UpdateEntity");
    }

    /// <summary>Inserts the entity or, when it exists, replaces (Insert Or Replace Entity: PUT) or merges into it (Insert Or
    /// Merge Entity: MERGE), unconditionally; stores the new ETag in <see cref="TableEntity.ETag"/>.
    /// Sources: https://learn.microsoft.com/rest/api/storageservices/insert-or-replace-entity and
    /// https://learn.microsoft.com/rest/api/storageservices/insert-or-merge-entity.</summary>
    /// <returns>The new ETag.</returns>
    /// <exception cref="ArgumentException">A key contains a character Table keys forbid.</exception>
    /// <exception cref="TableRequestException">Any error status (e.g. 404 <c>TableNotFound</c>).</exception>
    public async Task<string> UpsertEntityAsync(TableEntity entity, bool merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKey.Validate(entity.PartitionKey, entity.RowKey);
        using var message = CreateMessage(merge ? Merge : RequestMethod.Put, EntityPath(entity.PartitionKey, entity.RowKey), TableRestFormat.NoMetadata);
        SetJsonBody(message, TableEntityJson.Serialize(entity));
        var response = await SendAsync(message, "UpsertEntity", ct).ConfigureAwait(false);
        return entity.ETag = ETagOf(response, merge ? "InsertOrMergeEntity" : "InsertOrReplaceEntity");
    }

    /// <summary>Deletes an entity (Delete Entity: DELETE with If-Match).
    /// Source: https://learn.microsoft.com/rest/api/storageservices/delete-entity1.</summary>
    /// <param name="partitionKey">The PartitionKey.</param>
    /// <param name="rowKey">The RowKey.</param>
    /// <param name="ifMatch">The ETag the stored entity must have; null means <c>*</c>.</param>
    /// <param name="ct">Cancels the request.</param>
    /// <returns>True when deleted; false when it did not exist (404 <c>ResourceNotFound</c>).</returns>
    /// <exception cref="ArgumentException">A key contains a character Table keys forbid.</exception>
    /// <exception cref="TableRequestException">412 <c>UpdateConditionNotSatisfied</c> when the ETag is stale; 404
    /// <c>TableNotFound</c>; any other error status.</exception>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string? ifMatch = null, CancellationToken ct = default)
    {
        TableKey.Validate(partitionKey, rowKey);
        using var message = CreateMessage(RequestMethod.Delete, EntityPath(partitionKey, rowKey), TableRestFormat.NoMetadata);
        message.Request.Headers.SetValue("If-Match", ifMatch ?? TableRestFormat.AnyETag);
        var response = await SendAsync(message, "DeleteEntity", ct).ConfigureAwait(false);
        if (response.Status == 404 && TableErrors.Read(response).Code != TableErrorCodes.TableNotFound) return false;
        ThrowIfError(response, "DeleteEntity");
        return true;
    }

    /// <summary>The path of one entity: <c>/{table}(PartitionKey='…',RowKey='…')</c>, keys quoted and percent-encoded.</summary>
    internal string EntityPath(string partitionKey, string rowKey) =>
        $"/{Name}(PartitionKey='{EncodeKey(partitionKey)}',RowKey='{EncodeKey(rowKey)}')";

    /// <summary>The absolute URL of <paramref name="path"/> under the endpoint.</summary>
    internal string Url(string path) => _endpoint + path;

    /// <summary>Doubles <c>'</c> (OData string literal) and percent-encodes everything but unreserved characters.</summary>
    internal static string EncodeKey(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private HttpMessage CreateMessage(RequestMethod method, string path, string accept)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(Url(path)));
        message.Request.Headers.SetValue("Accept", accept);
        return message;
    }

    private static void SetJsonBody(HttpMessage message, byte[] body)
    {
        message.Request.Headers.SetValue("Content-Type", TableRestFormat.JsonContentType);
        message.Request.Content = RequestContent.Create(body);
    }

    /// <summary>Sends through the pipeline (retries included); a request that got no answer at all becomes a
    /// <see cref="TableRequestException"/> with status 0, so callers catch one exception type.</summary>
    private async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken ct)
    {
        try
        {
            await _pipeline.SendAsync(message, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RequestFailedException or AggregateException && !ct.IsCancellationRequested)
        {
            // Azure.Core throws RequestFailedException for one failed try and AggregateException once every retry failed.
            var cause = e;
            while (cause.InnerException is not null) cause = cause.InnerException;
            throw new TableRequestException(0, null, $"Table {operation} on '{Name}' got no answer from the service ({cause.GetType().Name}).", innerException: e);
        }

        return message.Response;
    }

    private string ETagOf(Response response, string operation)
    {
        ThrowIfError(response, operation);
        return HeaderETag(response)
               ?? throw new TableRequestException(response.Status, null, $"Table {operation} on '{Name}' answered {response.Status} without an ETag.");
    }

    private void ThrowIfError(Response response, string operation)
    {
        if (response.IsError) throw TableErrors.Exception(operation, Name, response.Status, TableErrors.Read(response).Code);
    }

    private static string? HeaderETag(Response response) =>
        response.Headers.TryGetValue("ETag", out var etag) && !string.IsNullOrEmpty(etag) ? etag : null;
}
