using Azure.Core;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// Options of a <see cref="ServiceBusClient"/>: Azure.Core's pipeline settings (<see cref="ClientOptions.Retry"/>,
/// <see cref="ClientOptions.Transport"/>, diagnostics) plus the clock, the SAS token lifetime and the batch size limit.
/// The client copies them when it is made; later changes do not reach it.
/// </summary>
/// <remarks>
/// Retries are Azure.Core's: a response with 408, 429, 500, 502, 503 or 504, or a network failure, is tried again with
/// exponential back-off (honouring <c>Retry-After</c>); 409 and other 4xx are not. The SAS policy sits inside the retry loop, so
/// every attempt carries a token that is valid at that moment.
/// </remarks>
public sealed class ServiceBusClientOptions : ClientOptions
{
    /// <summary>The clock SAS tokens are made and refreshed against.</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long each SAS token is valid (its <c>se</c> is now plus this); a cached token is replaced when less than
    /// five minutes (or half of this, if shorter) are left. Used only with a connection string.</summary>
    /// <value>One hour.</value>
    public TimeSpan SasTokenLifetime { get; set; } = ServiceBusDefaults.SasTokenLifetime;

    /// <summary>The largest request body of one batch send, in bytes; <see cref="ServiceBusSender.SendBatchAsync"/> splits a
    /// larger batch into several requests. 256 KiB is the Standard tier's limit; Premium namespaces allow more.</summary>
    /// <value>262,144 bytes (256 KiB).</value>
    public int MaxBatchSizeInBytes { get; set; } = ServiceBusDefaults.MaxBatchSizeInBytes;
}
