using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Adds the headers every Table request carries: <c>x-ms-version</c> and <c>DataServiceVersion: 3.0</c>/<c>MaxDataServiceVersion: 3.0</c>.
/// Sources: https://learn.microsoft.com/rest/api/storageservices/versioning-for-the-azure-storage-services and
/// https://learn.microsoft.com/rest/api/storageservices/setting-the-odata-data-service-version-headers.
/// </summary>
internal sealed class TableHeadersPolicy(string serviceVersion) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        message.Request.Headers.SetValue("DataServiceVersion", TableRestFormat.DataServiceVersion);
        message.Request.Headers.SetValue("MaxDataServiceVersion", TableRestFormat.DataServiceVersion);
    }
}
