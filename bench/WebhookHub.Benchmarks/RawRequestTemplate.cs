using System.Text;

namespace WebhookHub.Benchmarks;

/// <summary>
/// The exact bytes of one ingest request, with a 36-byte slot for the <c>X-GitHub-Delivery</c> GUID that each send
/// overwrites. Same headers and body as <see cref="IngestTarget.CreateRequest"/>.
/// </summary>
internal sealed class RawRequestTemplate
{
    public const int DeliveryIdLength = 36;

    public RawRequestTemplate(IngestTarget target)
    {
        var url = target.Url;
        var head = new StringBuilder()
            .Append($"POST {url.PathAndQuery} HTTP/1.1\r\n")
            .Append($"Host: {url.Authority}\r\n")
            .Append("User-Agent: GitHub-Hookshot/bench\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append($"Content-Length: {GitHubPayload.Body.Length}\r\n")
            .Append($"X-GitHub-Event: {GitHubPayload.EventName}\r\n")
            .Append($"X-Hub-Signature-256: {target.Signature}\r\n")
            .Append("X-GitHub-Delivery: ");
        var prefix = Encoding.ASCII.GetBytes(head.ToString());
        var suffix = "\r\n\r\n"u8;
        Bytes = [.. prefix, .. new byte[DeliveryIdLength], .. suffix, .. GitHubPayload.Body];
        DeliveryIdOffset = prefix.Length;
        Host = url.Host;
        Port = url.Port;
    }

    /// <summary>The request; copy it per connection before writing delivery IDs into it.</summary>
    public byte[] Bytes { get; }

    /// <summary>Where the 36 ASCII characters of the delivery GUID go.</summary>
    public int DeliveryIdOffset { get; }

    public string Host { get; }

    public int Port { get; }
}
