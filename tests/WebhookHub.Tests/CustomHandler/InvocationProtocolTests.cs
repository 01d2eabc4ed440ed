using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using WebhookHub.Functions.CustomHandler;

namespace WebhookHub.Tests.CustomHandler;

public sealed class InvocationProtocolTests
{
    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void TryParse_DocumentedQueueRequest_ReadsDataAndMetadata()
    {
        var request = InvocationRequest.TryParse(Encoding.UTF8.GetBytes(InvocationPayloads.DocumentedQueueRequest), out var error);

        Assert.Null(error);
        Assert.NotNull(request);
        Assert.Equal("{ message: \"Message sent\" }", request.Trigger("myQueueItem")!.Value.GetString());
        Assert.Equal(1, request.Metadata.GetProperty("DequeueCount").GetInt32());
        Assert.Equal("QueueTrigger", request.Metadata.GetProperty("sys").GetProperty("MethodName").GetString());
    }

    [Fact]
    public void TryReadObject_DocumentedQueueItem_NotJsonObject_Rejected()
    {
        // The documented example's item is JavaScript-ish text, not JSON: a message WebhookHub cannot read.
        var request = InvocationRequest.TryParse(Encoding.UTF8.GetBytes(InvocationPayloads.DocumentedQueueRequest), out _)!;

        Assert.Null(QueueMessage.TryReadObject(request.Trigger("myQueueItem")!.Value, out var error));
        Assert.Equal("message is a string that is not JSON", error);
    }

    [Theory]
    [InlineData("not json", "invocation body is not JSON")]
    [InlineData("[1]", "invocation body is not a JSON object")]
    [InlineData("{\"Metadata\":{}}", "invocation body has no Data")]
    public void TryParse_NotAnInvocation_Rejected(string body, string expected)
    {
        Assert.Null(InvocationRequest.TryParse(Encoding.UTF8.GetBytes(body), out var error));
        Assert.Equal(expected, error);
    }

    public static TheoryData<string> EncodedMessages()
    {
        var message = new JsonObject { ["tenantId"] = "ten_1", ["eventId"] = "evt_1" };
        return new TheoryData<string>
        {
            message.ToJsonString(),
            InvocationPayloads.AsString(message).ToJsonString(),
            InvocationPayloads.AsDoubleEncodedString(message).ToJsonString(),
        };
    }

    [Theory]
    [MemberData(nameof(EncodedMessages))]
    public void TryReadIds_ObjectStringOrDoubleEncoded_ReadsTenantAndId(string encoded)
    {
        Assert.Equal(("ten_1", "evt_1"), QueueMessage.TryReadIds(Element(encoded), "eventId", out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("42", "message is a JSON number, not an object")]
    [InlineData("\"[1]\"", "message is a JSON array, not an object")]
    [InlineData("{\"tenantId\":\"ten_1\",\"eventId\":7}", "message has no \"eventId\" string")]
    [InlineData("{\"tenantId\":\"ten_1\",\"other\":\"x\"}", "message has no \"eventId\" string")]
    [InlineData("{\"eventId\":\"evt_1\"}", "message has no \"tenantId\" string")]
    public void TryReadIds_WrongShape_Rejected(string encoded, string expected)
    {
        Assert.Null(QueueMessage.TryReadIds(Element(encoded), "eventId", out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void ServiceBusMetadata_DocumentedNames_Read()
    {
        var body = InvocationPayloads.ServiceBus(new JsonObject { ["deliveryId"] = "dlv_1" }, deliveryCount: 3, messageId: "dlv_1");
        var request = InvocationRequest.TryParse(Encoding.UTF8.GetBytes(body), out _)!;

        var metadata = ServiceBusMetadata.Read(request.Metadata);

        Assert.Equal("dlv_1", metadata.MessageId);
        Assert.Equal(3, metadata.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero), metadata.EnqueuedTimeUtc);
        Assert.Equal("ten_a", metadata.ApplicationProperties["tenantId"].GetString());
    }

    [Fact]
    public void ServiceBusMetadata_ValuesAsStrings_Read()
    {
        // Custom handlers may receive metadata values as strings: numbers as "2", property bags as JSON text.
        var metadata = ServiceBusMetadata.Read(Element("""
            {"MessageId":"m","DeliveryCount":"2","EnqueuedTimeUtc":"2026-11-21T13:00:00.5+01:00","UserProperties":"{\"traceparent\":\"00-abc\"}"}
            """));

        Assert.Equal(2, metadata.DeliveryCount);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, 500, TimeSpan.Zero), metadata.EnqueuedTimeUtc);
        Assert.Equal("00-abc", metadata.ApplicationProperties["traceparent"].GetString());
    }

    [Fact]
    public void ServiceBusMetadata_Absent_Empty()
    {
        var metadata = ServiceBusMetadata.Read(Element("{}"));

        Assert.Null(metadata.MessageId);
        Assert.Equal(0, metadata.DeliveryCount);
        Assert.Null(metadata.EnqueuedTimeUtc);
        Assert.Empty(metadata.ApplicationProperties);
    }

    [Fact]
    public void InvocationResponse_Serialized_HasDocumentedShape()
    {
        var documented = JsonNode.Parse(InvocationPayloads.DocumentedResponse)!.AsObject();
        var response = new InvocationResponse(
            new Dictionary<string, JsonNode?> { ["res"] = documented["Outputs"]!["res"]!.DeepClone(), ["myQueueOutput"] = documented["Outputs"]!["myQueueOutput"]!.DeepClone() },
            ["Log message 1", "Log message 2"],
            JsonValue.Create("{\"hello\":\"world\"}"));

        var json = JsonSerializer.Serialize(response, CustomHandlerJson.Default.InvocationResponse);

        Assert.True(JsonNode.DeepEquals(documented, JsonNode.Parse(json)), json);
    }
}
