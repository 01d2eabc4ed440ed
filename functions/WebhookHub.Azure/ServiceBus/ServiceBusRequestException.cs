namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// A Service Bus REST request failed: the service answered outside 2xx (after Azure.Core's retries), the service could not be
/// reached (<see cref="Status"/> 0), or its answer broke the documented contract. The message names the operation, the entity
/// and the status, with the service's error detail when it sent one; it never holds the <c>Authorization</c> header, a SAS
/// token, a signature or a key.
/// </summary>
/// <remarks>Status codes: https://learn.microsoft.com/rest/api/servicebus/service-bus-runtime-rest (e.g. 401 authorization
/// failure, 403 quota exceeded or message too large, 404 lock lost or message not found, 410 entity does not exist).</remarks>
public class ServiceBusRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status, or 0 when there was no response.</param>
    /// <param name="message">A message free of secrets.</param>
    public ServiceBusRequestException(int status, string message)
        : this(status, "", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="status">The HTTP status, or 0 when there was no response.</param>
    /// <param name="entityPath">The queue, topic or subscription path the request was for.</param>
    /// <param name="message">A message free of secrets.</param>
    /// <param name="innerException">The transport failure, when there was no response.</param>
    public ServiceBusRequestException(int status, string entityPath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        EntityPath = entityPath;
    }

    /// <summary>The HTTP status the service answered, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The queue, topic or subscription path (<c>topic/subscriptions/name</c>) the request was for.</summary>
    public string EntityPath { get; }
}
