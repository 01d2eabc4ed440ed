namespace WebhookHub.Azure.Tables;

/// <summary>
/// The parts of a storage connection string the Table client needs: the table endpoint, the account name and its key.
/// Accepts <c>UseDevelopmentStorage=true</c> (Azurite's well-known account on http://127.0.0.1:10002) and
/// <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…[;EndpointSuffix=…][;TableEndpoint=…]</c>.
/// Source: https://learn.microsoft.com/azure/storage/common/storage-configure-connection-string.
/// Errors never quote the connection string (it holds the key).
/// </summary>
internal sealed record TableConnectionString(Uri TableEndpoint, string AccountName, string AccountKey)
{
    /// <summary>Azurite's account name (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#well-known-storage-account-and-key).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>Azurite's published, well-known key; not a secret.</summary>
    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's default table endpoint (path-style: the account is the first path segment).</summary>
    public static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    /// <summary>Parses a connection string.</summary>
    /// <exception cref="ArgumentException">A part is missing or malformed; the message names the part, never its value.</exception>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=');
            if (equals <= 0) throw new ArgumentException("The storage connection string has a part without 'name=value'.", nameof(connectionString));
            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var useDevelopment) && useDevelopment)
            return new(DevelopmentTableEndpoint, DevelopmentAccountName, DevelopmentAccountKey);

        if (parts.ContainsKey("SharedAccessSignature"))
            throw new ArgumentException("SAS connection strings are not supported by the Table client; give AccountName and AccountKey, or use Microsoft Entra.", nameof(connectionString));
        var account = Required(parts, "AccountName");
        var key = Required(parts, "AccountKey");
        if (!IsBase64(key)) throw new ArgumentException("The storage connection string's AccountKey is not base64.", nameof(connectionString));

        Uri endpoint;
        if (parts.TryGetValue("TableEndpoint", out var tableEndpoint))
        {
            if (!Uri.TryCreate(tableEndpoint.TrimEnd('/'), UriKind.Absolute, out endpoint!) || endpoint.Scheme is not ("http" or "https"))
                throw new ArgumentException("The storage connection string's TableEndpoint is not an absolute http(s) URL.", nameof(connectionString));
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            if (protocol is not ("http" or "https"))
                throw new ArgumentException("The storage connection string's DefaultEndpointsProtocol is neither http nor https.", nameof(connectionString));
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            endpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        return new(endpoint, account, key);
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"TableEndpoint={TableEndpoint};AccountName={AccountName}";

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"The storage connection string has no {name}.", "connectionString");

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
