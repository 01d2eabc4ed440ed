using System.ComponentModel.DataAnnotations;

namespace WebhookHub.Functions.Hosting;

/// <summary>Host settings, bound from configuration section <c>WebhookHub</c> (environment: <c>WebhookHub__Name</c>).</summary>
public sealed class WebhookHubOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "WebhookHub";

    /// <summary>
    /// The admin API key that may create tenants. When empty, a key is generated on first start, stored in
    /// <c>admin-api-key</c> beside the database file, and printed once.
    /// </summary>
    /// <value>Empty.</value>
    public string? AdminApiKey { get; set; }

    /// <summary>The largest webhook body accepted, in bytes; larger ones get 413. With Table Storage at most 983,040.</summary>
    /// <value>1048576 (1 MiB); 983040 with Table Storage.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The public base URL (for example <c>https://hooks.example.com</c>) used to build a source's <c>ingestUrl</c> and the URL
    /// that URL-signing providers (Twilio, Square, HubSpot) signed; when empty, the scheme and host of the request are used.
    /// </summary>
    /// <value>Empty.</value>
    [Url]
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks such as <c>10.0.0.0/8</c>) whose <c>X-Forwarded-Proto</c>,
    /// <c>X-Forwarded-Host</c> and <c>X-Forwarded-For</c> headers are honoured; from any other peer they are ignored, so a caller
    /// cannot change the URL a signature is checked against.
    /// </summary>
    /// <value>None.</value>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>The address the standalone host listens on when no <c>--urls</c>/<c>ASPNETCORE_URLS</c> is given.</summary>
    /// <value><c>http://127.0.0.1:7071</c>.</value>
    [Required]
    public string Listen { get; set; } = "http://127.0.0.1:7071";

    /// <summary>Where tenants, events and deliveries are kept: <c>Sqlite</c> (embedded, one file) or <c>Tables</c> (Azure Table
    /// Storage, section <c>WebhookHub:Tables</c>; requires <see cref="Messaging"/> <c>ServiceBus</c>).</summary>
    /// <value><c>Sqlite</c>.</value>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>How stored events and due deliveries reach dispatch and delivery: <c>Embedded</c> (the store is the queue; workers
    /// poll it) or <c>ServiceBus</c> (section <c>WebhookHub:ServiceBus</c>; requires <see cref="Storage"/> <c>Tables</c>).</summary>
    /// <value><c>Embedded</c>.</value>
    public MessagingKind Messaging { get; set; } = MessagingKind.Embedded;

    /// <summary>Whether this process runs the dispatch and delivery workers.</summary>
    /// <value><see langword="true"/>.</value>
    public bool RunWorkers { get; set; } = true;
}

/// <summary>The store behind WebhookHub's ports; see <see cref="WebhookHubOptions.Storage"/>.</summary>
public enum StorageKind
{
    /// <summary>Embedded SQLite (the default; one process).</summary>
    Sqlite,

    /// <summary>Azure Table Storage over REST.</summary>
    Tables,
}

/// <summary>How work moves from ingest to dispatch to delivery; see <see cref="WebhookHubOptions.Messaging"/>.</summary>
public enum MessagingKind
{
    /// <summary>The SQLite store doubles as the queue; background workers claim from it.</summary>
    Embedded,

    /// <summary>Azure Service Bus over REST: an events topic and a deliveries queue.</summary>
    ServiceBus,
}
