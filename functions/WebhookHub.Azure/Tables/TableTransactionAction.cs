namespace WebhookHub.Azure.Tables;

/// <summary>One action of an entity group transaction (<see cref="TableClient.SubmitTransactionAsync"/>).</summary>
/// <param name="ActionType">What to do with <paramref name="Entity"/>.</param>
/// <param name="Entity">The entity (for <see cref="TableTransactionActionType.Delete"/> only its keys are used).</param>
/// <param name="ETag">If-Match for <see cref="TableTransactionActionType.UpdateMerge"/>, <see cref="TableTransactionActionType.UpdateReplace"/>
/// and <see cref="TableTransactionActionType.Delete"/>; null means <c>*</c> (unconditional). Ignored by the other types.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, string? ETag = null);
