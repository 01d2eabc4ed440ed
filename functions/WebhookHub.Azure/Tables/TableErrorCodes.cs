namespace WebhookHub.Azure.Tables;

/// <summary>
/// Table service error codes that callers act on, as they appear in <see cref="TableRequestException.ErrorCode"/>.
/// Source: https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes (and the common codes at
/// https://learn.microsoft.com/rest/api/storageservices/common-rest-api-error-codes).
/// </summary>
public static class TableErrorCodes
{
    /// <summary>409 on insert: an entity with the same PartitionKey and RowKey exists (the inbox duplicate).</summary>
    public const string EntityAlreadyExists = "EntityAlreadyExists";

    /// <summary>412 on update, merge or delete: the If-Match ETag is no longer the entity's.</summary>
    public const string UpdateConditionNotSatisfied = "UpdateConditionNotSatisfied";

    /// <summary>404: the entity does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFound";

    /// <summary>404: the table does not exist.</summary>
    public const string TableNotFound = "TableNotFound";

    /// <summary>409 on create table: the table exists.</summary>
    public const string TableAlreadyExists = "TableAlreadyExists";

    /// <summary>403: the signature or token was not accepted.</summary>
    public const string AuthenticationFailed = "AuthenticationFailed";
}
