namespace WebhookHub.Azure.KeyVault;

/// <summary>
/// A Key Vault read or write that failed: refused (403: the identity lacks a role), not found (404), throttled (429), or the
/// vault or the identity endpoint could not be reached (<see cref="Status"/> 0). The message names the operation, the secret
/// name and the status, never a value. Error codes are those of the Key Vault error response
/// (learn.microsoft.com/rest/api/keyvault/secrets/get-secret/get-secret, "KeyVaultError").
/// </summary>
public sealed class KeyVaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="operation">What was attempted: <c>get</c> or <c>set</c>.</param>
    /// <param name="secretName">The secret's name.</param>
    /// <param name="status">The HTTP status Key Vault answered, or 0 when there was no answer.</param>
    /// <param name="errorCode">Key Vault's error code (for example <c>SecretNotFound</c>, <c>Forbidden</c>), if any.</param>
    /// <param name="innerException">The SDK's exception (its message carries the response, never the request body).</param>
    public KeyVaultException(string operation, string secretName, int status, string? errorCode, Exception? innerException)
        : base($"Key Vault {operation} of secret '{secretName}' failed: {(status == 0 ? "no response" : $"HTTP {status}")}{(errorCode is null ? "" : $" ({errorCode})")}.", innerException)
    {
        Operation = operation;
        SecretName = secretName;
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>What was attempted: <c>get</c> or <c>set</c>.</summary>
    public string Operation { get; }

    /// <summary>The secret's name (not secret itself).</summary>
    public string SecretName { get; }

    /// <summary>The HTTP status Key Vault answered, or 0 when there was no answer.</summary>
    public int Status { get; }

    /// <summary>Key Vault's error code, or <see langword="null"/>.</summary>
    public string? ErrorCode { get; }
}
