using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// Entry point of the Table Storage REST client: one Azure.Core <see cref="HttpPipeline"/> (retry, logging, authentication)
/// shared by every <see cref="TableClient"/> it hands out. Thread-safe; create one per account and keep it.
/// </summary>
/// <remarks>REST reference: https://learn.microsoft.com/rest/api/storageservices/table-service-rest-api.</remarks>
public sealed partial class TableServiceClient
{
    /// <summary>The Entra scope of Azure Storage (https://learn.microsoft.com/rest/api/storageservices/authorize-with-azure-active-directory).</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly HttpPipeline _pipeline;

    /// <summary>Creates a client that authenticates with a Microsoft Entra token (the deployed shape: managed identity).</summary>
    /// <param name="endpoint">The table endpoint, e.g. <c>https://account.table.core.windows.net</c>; must be https (bearer tokens are never sent in clear).</param>
    /// <param name="credential">The credential, e.g. <c>DefaultAzureCredential</c>; asked for <see cref="StorageScope"/>.</param>
    /// <param name="options">Pipeline options; null for the defaults.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The endpoint is not an absolute https URL.</exception>
    public TableServiceClient(Uri endpoint, TokenCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(credential);
        if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException("The table endpoint must be an absolute https URL for Microsoft Entra authentication.", nameof(endpoint));
        Endpoint = Normalize(endpoint);
        _pipeline = Build(options ?? new TableClientOptions(), new BearerTokenAuthenticationPolicy(credential, StorageScope));
    }

    private TableServiceClient(Uri endpoint, HttpPipeline pipeline)
    {
        Endpoint = endpoint;
        _pipeline = pipeline;
    }

    /// <summary>The table endpoint requests go to (no trailing slash), e.g. <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Creates a client from a storage connection string, signing with Shared Key Lite.</summary>
    /// <param name="connectionString"><c>UseDevelopmentStorage=true</c> (Azurite at http://127.0.0.1:10002/devstoreaccount1 with its
    /// well-known key), or <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…;EndpointSuffix=…</c>, optionally with
    /// <c>TableEndpoint=…</c> (https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string).</param>
    /// <param name="options">Pipeline options; null for the defaults.</param>
    /// <exception cref="ArgumentException">The connection string is malformed or has no account key (the message never quotes it).</exception>
    public static TableServiceClient FromConnectionString(string connectionString, TableClientOptions? options = null)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        options ??= new TableClientOptions();
        var signing = new TableSharedKeyLitePolicy(parsed.AccountName, parsed.AccountKey, options.TimeProvider);
        return new TableServiceClient(Normalize(parsed.TableEndpoint), Build(options, signing));
    }

    /// <summary>A client for one table (no request is made; the table may not exist yet).</summary>
    /// <param name="tableName">3 to 63 letters and digits, starting with a letter
    /// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#table-names).</param>
    /// <exception cref="ArgumentException">The name breaks those rules or is the reserved name <c>Tables</c>.</exception>
    public TableClient GetTableClient(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        if (!TableName().IsMatch(tableName) || string.Equals(tableName, "Tables", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"'{tableName}' is not a valid table name: 3-63 letters and digits, starting with a letter, not 'Tables'.", nameof(tableName));
        return new TableClient(_pipeline, Endpoint, tableName);
    }

    private static HttpPipeline Build(TableClientOptions options, HttpPipelinePolicy authentication) =>
        HttpPipelineBuilder.Build(
            options,
            perCallPolicies: [new TableHeadersPolicy(options.ServiceVersion)],
            perRetryPolicies: [authentication],
            new ResponseClassifier());

    private static Uri Normalize(Uri endpoint) => new(endpoint.AbsoluteUri.TrimEnd('/'));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
