using System.Diagnostics;
using System.Text.Json;
using Microsoft.ApplicationInsights.DataContracts;
using WebhookHub.Azure.Telemetry;
using WebhookHub.Functions.CustomHandler;
using WebhookHub.Tracing;

namespace WebhookHub.Tests.Azure.Telemetry;

/// <summary>The SDK-free correlation helpers, the Diagnostic-Id of Service Bus metadata, and dependency URL scrubbing.</summary>
public sealed class TraceContextTests : IDisposable
{
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name == TraceContext.SourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    public TraceContextTests() => ActivitySource.AddActivityListener(_listener);

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void StartConsumer_Traceparent_ChildOfItWithCurrentActivityAsLink()
    {
        using var host = new Activity("host-call").SetIdFormat(ActivityIdFormat.W3C).Start();
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

        using var consumer = TraceContext.StartConsumer("deliver", traceparent);

        Assert.NotNull(consumer);
        Assert.Equal(ActivityKind.Consumer, consumer.Kind);
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", consumer.TraceId.ToHexString());
        Assert.Equal("b7ad6b7169203331", consumer.ParentSpanId.ToHexString());
        Assert.Equal(host.TraceId, Assert.Single(consumer.Links).Context.TraceId);
        Assert.Equal(consumer.Id, TraceContext.Current());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("|legacy.1.")]
    public void StartConsumer_NoValidTraceparent_ChildOfCurrentActivity(string? diagnosticId)
    {
        using var host = new Activity("host-call").SetIdFormat(ActivityIdFormat.W3C).Start();

        using var consumer = TraceContext.StartConsumer("dispatch", diagnosticId);

        Assert.Equal(host.TraceId, consumer!.TraceId);
        Assert.Equal(host.SpanId, consumer.ParentSpanId);
    }

    [Fact]
    public void Current_NoActivity_Null()
    {
        Activity.Current = null;

        Assert.Null(TraceContext.Current());
    }

    [Fact]
    public void SetResult_Non2xx_ErrorStatusAndCode()
    {
        using var consumer = TraceContext.StartConsumer("deliver", null)!;

        TraceContext.SetResult(consumer, 409);

        Assert.Equal(ActivityStatusCode.Error, consumer.Status);
        Assert.Equal(409, consumer.GetTagItem(TraceTags.StatusCode));
    }

    [Theory]
    [InlineData("""{"ApplicationProperties":{"Diagnostic-Id":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}""")]
    [InlineData("""{"UserProperties":{"diagnostic-id":"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}}""")]
    [InlineData("""{"ApplicationProperties":"{\"DIAGNOSTIC-ID\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}"}""")]
    public void ServiceBusMetadata_DiagnosticIdAnyCaseEitherBag(string metadata)
    {
        var read = ServiceBusMetadata.Read(JsonDocument.Parse(metadata).RootElement);

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", read.DiagnosticId);
    }

    [Fact]
    public void ServiceBusMetadata_NoDiagnosticId_Null() =>
        Assert.Null(ServiceBusMetadata.Read(JsonDocument.Parse("""{"ApplicationProperties":{"tenantId":"ten_a"}}""").RootElement).DiagnosticId);

    [Theory]
    [InlineData("https://user:pw@hooks.example.com:8443/services/T0/B0/XXXX?token=abc", "POST /services/T0/B0/XXXX", "https://hooks.example.com:8443", "POST /")]
    [InlineData("https://acct.table.core.windows.net/events(PartitionKey='a')?$filter=x", "GET /events", "https://acct.table.core.windows.net/events(PartitionKey='a')", "GET /events")]
    [InlineData("https://kv.vault.azure.net/secrets/source-a?api-version=7.6", "GET /secrets/source-a", "https://kv.vault.azure.net/secrets/source-a", "GET /secrets/source-a")]
    public void DependencyUrlScrubber_HttpDependency_CutToOriginExceptAzure(string url, string name, string expectedData, string expectedName)
    {
        var dependency = new DependencyTelemetry { Type = "Http", Data = url, Name = name };

        new DependencyUrlScrubber().Initialize(dependency);

        Assert.Equal(expectedData, dependency.Data);
        Assert.Equal(expectedName, dependency.Name);
    }

    [Fact]
    public void DependencyUrlScrubber_NonHttp_Untouched()
    {
        var dependency = new DependencyTelemetry { Type = "InProc", Data = "https://x.example/secret-path", Name = "work" };

        new DependencyUrlScrubber().Initialize(dependency);

        Assert.Equal("https://x.example/secret-path", dependency.Data);
    }
}
