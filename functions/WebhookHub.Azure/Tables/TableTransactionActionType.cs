namespace WebhookHub.Azure.Tables;

/// <summary>What one action of an entity group transaction does; each maps to the single-entity REST operation of the same name.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert Entity (POST); fails with 409 <c>EntityAlreadyExists</c> when the entity exists.</summary>
    Add,

    /// <summary>Merge Entity (MERGE with If-Match); fails with 404 when missing, 412 when the ETag is stale.</summary>
    UpdateMerge,

    /// <summary>Update Entity (PUT with If-Match); fails with 404 when missing, 412 when the ETag is stale.</summary>
    UpdateReplace,

    /// <summary>Insert Or Merge Entity (MERGE without If-Match).</summary>
    UpsertMerge,

    /// <summary>Insert Or Replace Entity (PUT without If-Match).</summary>
    UpsertReplace,

    /// <summary>Delete Entity (DELETE with If-Match); fails with 404 when missing.</summary>
    Delete,
}
