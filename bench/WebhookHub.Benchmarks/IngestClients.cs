namespace WebhookHub.Benchmarks;

/// <summary>Creates the configured <see cref="IIngestClient"/>.</summary>
internal static class IngestClients
{
    public static IIngestClient Create(ClientKind kind, IngestTarget target, int connections) => kind switch
    {
        ClientKind.Raw => new RawIngestClient(target, connections),
        ClientKind.HttpClient => new HttpClientIngestClient(target, connections),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown client."),
    };
}
