namespace WebhookHub.Azure.Tables;

/// <summary>
/// A Table service request answered with an error status: the HTTP status, the service's error code and, for an entity group
/// transaction, which action failed. The message names the operation, the status and the code only; it never carries the
/// request URL's query, keys, tokens, signatures or the service's own message text (which can quote the string-to-sign).
/// </summary>
/// <remarks>Error body format: https://learn.microsoft.com/rest/api/storageservices/table-service-error-codes.</remarks>
public class TableRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status code, e.g. 409.</param>
    /// <param name="errorCode">The service's error code (<see cref="TableErrorCodes"/>), or null when the answer had none.</param>
    /// <param name="message">A message free of secrets.</param>
    /// <param name="failedActionIndex">For a transaction: the zero-based index of the failing action, when the service said.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TableRequestException(int status, string? errorCode, string message, int? failedActionIndex = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        FailedActionIndex = failedActionIndex;
    }

    /// <summary>The HTTP status code (for a transaction, the failing operation's status, not the batch's 202); 0 when no answer
    /// arrived (network failure or timeout after Azure.Core's retries).</summary>
    public int Status { get; }

    /// <summary>The Table service error code, e.g. <c>EntityAlreadyExists</c>; null when the answer carried none.</summary>
    public string? ErrorCode { get; }

    /// <summary>For <see cref="TableClient.SubmitTransactionAsync"/>: the zero-based index of the action that failed, parsed from
    /// the "<c>n:</c>" prefix of the error message; null for single operations or when the service did not say.</summary>
    public int? FailedActionIndex { get; }
}
