using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace WebhookHub.Azure.ServiceBus;

/// <summary>
/// The body of a batch send: a JSON array of <c>{"Body":"…","BrokerProperties":{…},"UserProperties":{…}}</c>
/// (https://learn.microsoft.com/rest/api/servicebus/send-message-batch), split into as few arrays as fit the size limit, in order.
/// </summary>
internal static class MessageBatch
{
    /// <summary>The content type of a batch request, without parameters.</summary>
    public const string ContentType = "application/vnd.microsoft.servicebus.json";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // The body is UTF-8 JSON read by Service Bus, not HTML: escape only what JSON requires, so bodies stay readable and small.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The request bodies, each a JSON array of at most <paramref name="maxBytes"/> bytes; none for no messages.</summary>
    /// <exception cref="ArgumentException">A body is not UTF-8 text (the batch format carries bodies as JSON strings), or one
    /// message alone is larger than <paramref name="maxBytes"/>.</exception>
    public static List<byte[]> Split(IReadOnlyList<ServiceBusMessage> messages, int maxBytes)
    {
        var bodies = new List<byte[]>();
        var chunk = new List<byte[]>();
        var chunkBytes = 2; // "[" and "]"
        for (var i = 0; i < messages.Count; i++)
        {
            var entry = Entry(messages[i] ?? throw new ArgumentException($"The batch's message {i} is null.", nameof(messages)), i);
            if (entry.Length + 2 > maxBytes)
            {
                throw new ArgumentException($"The batch's message {i} takes {entry.Length} bytes in a batch request, more than the limit of {maxBytes} bytes.", nameof(messages));
            }

            var added = entry.Length + (chunk.Count > 0 ? 1 : 0);
            if (chunkBytes + added > maxBytes)
            {
                bodies.Add(Join(chunk, chunkBytes));
                chunk.Clear();
                chunkBytes = 2;
                added = entry.Length;
            }

            chunk.Add(entry);
            chunkBytes += added;
        }

        if (chunk.Count > 0) bodies.Add(Join(chunk, chunkBytes));
        return bodies;
    }

    private static byte[] Entry(ServiceBusMessage message, int index)
    {
        string body;
        try
        {
            body = StrictUtf8.GetString(message.Body.Span);
        }
        catch (DecoderFallbackException)
        {
            throw new ArgumentException($"The batch's message {index} body is not UTF-8 text, which the batch format cannot carry; send it with SendAsync.", "messages");
        }

        var buffer = new ArrayBufferWriter<byte>(message.Body.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("Body", body);
            if (BrokerProperties.HasAny(message))
            {
                writer.WritePropertyName("BrokerProperties");
                BrokerProperties.Write(writer, message);
            }

            var properties = ApplicationProperties.ForSend(message);
            if (properties.Count > 0)
            {
                writer.WriteStartObject("UserProperties");
                foreach (var (name, value) in properties) writer.WriteString(name, value);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Join(List<byte[]> entries, int length)
    {
        var result = new byte[length];
        var at = 0;
        result[at++] = (byte)'[';
        for (var i = 0; i < entries.Count; i++)
        {
            if (i > 0) result[at++] = (byte)',';
            entries[i].CopyTo(result, at);
            at += entries[i].Length;
        }

        result[at] = (byte)']';
        return result;
    }
}
