using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace WebhookHub.Tests.CustomHandler;

/// <summary>Invocation bodies as the Functions host sends them, and a free loopback port for a hub started "by the host".</summary>
internal static class InvocationPayloads
{
    /// <summary>
    /// The request payload example of learn.microsoft.com/azure/azure-functions/functions-custom-handlers ("Request payload"),
    /// for a queue-triggered function whose trigger binding is named <c>myQueueItem</c>.
    /// </summary>
    public const string DocumentedQueueRequest = """
        {
          "Data": {
            "myQueueItem": "{ message: \"Message sent\" }"
          },
          "Metadata": {
            "DequeueCount": 1,
            "ExpirationTime": "2019-10-16T17:58:31+00:00",
            "Id": "800ae4b3-bdd2-4c08-badd-f08e5a34b865",
            "InsertionTime": "2019-10-09T17:58:31+00:00",
            "NextVisibleTime": "2019-10-09T18:08:32+00:00",
            "PopReceipt": "AgAAAAMAAAAAAAAAAgtnj8x+1QE=",
            "sys": {
              "MethodName": "QueueTrigger",
              "UtcNow": "2019-10-09T17:58:32.2205399Z",
              "RandGuid": "24ad4c06-24ad-4e5b-8294-3da9714877e9"
            }
          }
        }
        """;

    /// <summary>
    /// The response payload example of the same page ("Response payload"): output bindings by name, log lines, return value.
    /// </summary>
    public const string DocumentedResponse = """
        {
          "Outputs": {
            "res": { "body": "Message enqueued" },
            "myQueueOutput": ["queue message 1", "queue message 2"]
          },
          "Logs": ["Log message 1", "Log message 2"],
          "ReturnValue": "{\"hello\":\"world\"}"
        }
        """;

    /// <summary>
    /// A Service Bus trigger invocation with the metadata the trigger documents (functions-bindings-service-bus-trigger, "Message
    /// metadata": MessageId, DeliveryCount, EnqueuedTimeUtc, UserProperties/ApplicationProperties, SequenceNumber, sys), the message
    /// under binding <c>message</c>.
    /// </summary>
    public static string ServiceBus(JsonNode message, int deliveryCount = 1, string messageId = "msg-1") => new JsonObject
    {
        ["Data"] = new JsonObject { ["message"] = message },
        ["Metadata"] = new JsonObject
        {
            ["MessageId"] = messageId,
            ["DeliveryCount"] = deliveryCount,
            ["EnqueuedTimeUtc"] = "2026-11-21T12:00:00Z",
            ["SequenceNumber"] = 42,
            ["ContentType"] = "application/json",
            ["ApplicationProperties"] = new JsonObject { ["tenantId"] = "ten_a" },
            ["UserProperties"] = new JsonObject { ["tenantId"] = "ten_a" },
            ["sys"] = new JsonObject { ["MethodName"] = "deliver", ["UtcNow"] = "2026-11-21T12:00:01Z", ["RandGuid"] = Guid.NewGuid().ToString() },
        },
    }.ToJsonString();

    /// <summary>The message body as the host passes it when it is text: a JSON string holding the JSON.</summary>
    public static JsonNode AsString(JsonNode message) => JsonValue.Create(message.ToJsonString());

    /// <summary>The message JSON-encoded twice (a JSON string holding a JSON string holding the JSON), the known host quirk.</summary>
    public static JsonNode AsDoubleEncodedString(JsonNode message) => JsonValue.Create(AsString(message).ToJsonString());

    /// <summary>A port free on loopback at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
