using System.Text.Json.Serialization;
using WebhookHub.Functions.Ingest;

namespace WebhookHub.Functions.Api;

/// <summary>Source-generated JSON (camelCase) for every API body.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateTenantRequest))]
[JsonSerializable(typeof(TenantCreatedResponse))]
[JsonSerializable(typeof(CreateSourceRequest))]
[JsonSerializable(typeof(SourceResponse))]
[JsonSerializable(typeof(ListResponse<SourceResponse>))]
[JsonSerializable(typeof(AddSecretRequest))]
[JsonSerializable(typeof(ExpireSecretRequest))]
[JsonSerializable(typeof(CreateSubscriptionRequest))]
[JsonSerializable(typeof(UpdateSubscriptionRequest))]
[JsonSerializable(typeof(SubscriptionResponse))]
[JsonSerializable(typeof(ListResponse<SubscriptionResponse>))]
[JsonSerializable(typeof(RotateSecretRequest))]
[JsonSerializable(typeof(EventResponse))]
[JsonSerializable(typeof(ListResponse<EventResponse>))]
[JsonSerializable(typeof(DeliveryResponse))]
[JsonSerializable(typeof(ListResponse<DeliveryResponse>))]
[JsonSerializable(typeof(ReplayResponse))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(DeadLetterResponse))]
[JsonSerializable(typeof(ListResponse<DeadLetterResponse>))]
[JsonSerializable(typeof(EventReplayRequest))]
[JsonSerializable(typeof(ReplayJobRequest))]
[JsonSerializable(typeof(ReplayJobResponse))]
internal sealed partial class ApiJson : JsonSerializerContext;
