namespace WebhookHub.Azure.ServiceBus;

/// <summary>The defaults of the Service Bus REST adapter, in one place.</summary>
internal static class ServiceBusDefaults
{
    /// <summary>How long a SAS token the client makes is valid.</summary>
    public static readonly TimeSpan SasTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>A cached SAS token is replaced once less than this is left of it (or less than half its lifetime, if shorter).</summary>
    public static readonly TimeSpan SasTokenRefreshMargin = TimeSpan.FromMinutes(5);

    /// <summary>The largest batch request body: 256 KiB, the Standard tier's message size limit.</summary>
    public const int MaxBatchSizeInBytes = 256 * 1024;

    /// <summary>What a peek-lock request's network timeout allows beyond the server timeout it asks for.</summary>
    public static readonly TimeSpan ReceiveNetworkSlack = TimeSpan.FromSeconds(30);

    /// <summary>The Microsoft Entra scope of Service Bus data-plane tokens.</summary>
    public const string EntraScope = "https://servicebus.azure.net/.default";

    /// <summary>The application property the Functions host and the Service Bus SDKs read the sender's trace context from.</summary>
    public const string DiagnosticIdProperty = "Diagnostic-Id";
}
