namespace WebhookHub.Azure.Tables;

/// <summary>An error answer's code and, inside a transaction, the failing action's zero-based index (both null when absent).</summary>
internal readonly record struct TableError(string? Code, int? FailedIndex);
