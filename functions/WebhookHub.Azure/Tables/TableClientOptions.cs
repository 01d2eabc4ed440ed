using Azure.Core;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Options of <see cref="TableServiceClient"/> and the <see cref="TableClient"/>s it hands out: Azure.Core's retry, transport
/// and diagnostics settings (inherited from <see cref="ClientOptions"/>), plus the Table service REST version and the clock the
/// Shared Key Lite signature is dated with.
/// </summary>
/// <remarks>
/// Azure.Core's retry policy retries network failures and the statuses 408, 429, 500, 502, 503 and 504; every other status,
/// 409 and 412 in particular, reaches the caller at once as a <see cref="TableRequestException"/>. The signing policy sits
/// inside the retry loop, so each attempt carries a fresh <c>x-ms-date</c> and signature.
/// The options are read once when the client is built; later changes do not reach it.
/// </remarks>
public sealed class TableClientOptions : ClientOptions
{
    /// <summary>The REST API version sent as <c>x-ms-version</c>.</summary>
    /// <remarks>Source: https://learn.microsoft.com/rest/api/storageservices/versioning-for-the-azure-storage-services</remarks>
    public const string DefaultServiceVersion = "2019-02-02";

    /// <summary>The <c>x-ms-version</c> header of every request.</summary>
    /// <value><c>2019-02-02</c> (<see cref="DefaultServiceVersion"/>).</value>
    public string ServiceVersion { get; set; } = DefaultServiceVersion;

    /// <summary>The clock the Shared Key Lite policy takes <c>x-ms-date</c> from (the service rejects dates more than 15 minutes off).</summary>
    /// <value><see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
