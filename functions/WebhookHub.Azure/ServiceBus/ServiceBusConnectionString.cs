namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// The parts of a Service Bus connection string, <c>Endpoint=sb://{ns}.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c>
/// (other keys such as <c>EntityPath</c> are ignored). Deliberately a class without a printed form: it holds the key.
/// </summary>
internal sealed class ServiceBusConnectionString
{
    private ServiceBusConnectionString(Uri endpoint, string keyName, string key)
    {
        Endpoint = endpoint;
        KeyName = keyName;
        Key = key;
    }

    /// <summary>The namespace endpoint with a trailing slash: <c>sb://</c> becomes <c>https://</c>; <c>http(s)://</c> is kept (emulators, tests).</summary>
    public Uri Endpoint { get; }

    public string KeyName { get; }

    public string Key { get; }

    public override string ToString() => $"Endpoint={Endpoint};SharedAccessKeyName={KeyName};SharedAccessKey=[redacted]";

    /// <exception cref="FormatException">A part is missing or malformed; the message names the part, never its value.</exception>
    public static ServiceBusConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        string? endpoint = null, keyName = null, key = null;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0) throw new FormatException("The Service Bus connection string has a part that is not 'Name=value'.");
            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (name.Equals("Endpoint", StringComparison.OrdinalIgnoreCase)) endpoint = value;
            else if (name.Equals("SharedAccessKeyName", StringComparison.OrdinalIgnoreCase)) keyName = value;
            else if (name.Equals("SharedAccessKey", StringComparison.OrdinalIgnoreCase)) key = value;
        }

        if (string.IsNullOrEmpty(endpoint)) throw new FormatException("The Service Bus connection string has no Endpoint.");
        if (string.IsNullOrEmpty(keyName)) throw new FormatException("The Service Bus connection string has no SharedAccessKeyName.");
        if (string.IsNullOrEmpty(key)) throw new FormatException("The Service Bus connection string has no SharedAccessKey.");
        return new ServiceBusConnectionString(ServiceBusEndpoint.Parse(endpoint), keyName, key);
    }
}
