namespace WebhookHub.Azure.Tables;

/// <summary>
/// Table Storage settings, bound from <c>WebhookHub:Tables</c> (environment: <c>WebhookHub__Tables__Name</c>); used when
/// <c>WebhookHub:Storage</c> is <c>Tables</c>. Give either <see cref="Endpoint"/> (Microsoft Entra, the deployed shape) or
/// <see cref="ConnectionString"/> (Shared Key Lite: Azurite or a development account).
/// </summary>
public sealed class TableStoreOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub:Tables";

    /// <summary>The table service endpoint, for example <c>https://account.table.core.windows.net</c>; the app's identity
    /// (<c>DefaultAzureCredential</c>) needs the Storage Table Data Contributor role.</summary>
    /// <value>Empty.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>A storage connection string with an account key, or <c>UseDevelopmentStorage=true</c> for Azurite.</summary>
    /// <value>Empty.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Whether the app creates its tables at start-up when they are missing (the Bicep deployment creates them).</summary>
    /// <value><see langword="true"/>.</value>
    public bool CreateTables { get; set; } = true;
}
