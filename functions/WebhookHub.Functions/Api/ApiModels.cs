using System.Text.Json;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary><c>POST /api/tenants</c> body.</summary>
/// <param name="Name">Display name, 1–200 characters.</param>
public sealed record CreateTenantRequest(string? Name);

/// <summary><c>POST /api/tenants</c> 201 body; <paramref name="ApiKey"/> is shown only here.</summary>
public sealed record TenantCreatedResponse(string Id, string Name, string ApiKey, DateTimeOffset CreatedAt);

/// <summary><c>POST /api/sources</c> body.</summary>
/// <param name="Name">Display name, 1–200 characters.</param>
/// <param name="Provider">A provider name: <c>stripe</c>, <c>github</c>, <c>standardwebhooks</c>, <c>hmac</c>.</param>
/// <param name="Secrets">1 to 10 signing secrets exactly as the provider shows them.</param>
/// <param name="Options">Provider options; string, number or boolean values.</param>
public sealed record CreateSourceRequest(string? Name, string? Provider, string[]? Secrets, Dictionary<string, JsonElement>? Options);

/// <summary>A source as the API shows it: its secrets' metadata, never their values.</summary>
public sealed record SourceResponse(
    string Id, string Name, string Provider, string IngestUrl, IReadOnlyDictionary<string, string> Options,
    IReadOnlyList<SecretResponse> Secrets, DateTimeOffset CreatedAt);

/// <summary>A signing secret's metadata; <paramref name="Active"/> says whether it verifies now.</summary>
public sealed record SecretResponse(string Id, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, bool Active);

/// <summary><c>POST /api/sources/{id}/secrets</c> body: a new signing secret, optionally expiring.</summary>
public sealed record AddSecretRequest(string? Secret, DateTimeOffset? ExpiresAt);

/// <summary><c>POST /api/sources/{id}/secrets/{secretId}/expire</c> body: when the secret stops verifying (default: now).</summary>
public sealed record ExpireSecretRequest(DateTimeOffset? At);

/// <summary><c>POST /api/subscriptions</c> body.</summary>
/// <param name="Url">Absolute http or https URL.</param>
/// <param name="EventTypes">Filters: <c>*</c> (the default), exact types, or prefix wildcards such as <c>invoice.*</c>.</param>
/// <param name="SourceIds">Optional: only events from these sources of the tenant.</param>
/// <param name="Settings">Optional delivery settings (retry schedule, rate limit, …); omitted ones take the operator's defaults.</param>
public sealed record CreateSubscriptionRequest(string? Url, string[]? EventTypes, string[]? SourceIds, SubscriptionSettings? Settings = null);

/// <summary>
/// <c>PATCH /api/subscriptions/{id}</c> body: every field is optional and replaces the stored one when present.
/// <paramref name="Active"/> <see langword="true"/> re-enables a subscription the delivery engine disabled.
/// </summary>
public sealed record UpdateSubscriptionRequest(string? Url, string[]? EventTypes, string[]? SourceIds, bool? Active, SubscriptionSettings? Settings);

/// <summary>
/// A subscription as the API shows it; <paramref name="Secret"/> only in the 201 response to its creation and the response to a
/// secret rotation. Signing details are in <c>ApiModels.Signing.cs</c>.
/// </summary>
public sealed partial record SubscriptionResponse(
    string Id, string Url, IReadOnlyList<string> EventTypes, IReadOnlyList<string> SourceIds, bool Active, DateTimeOffset CreatedAt, string? Secret,
    SubscriptionSettings Settings, SubscriptionHealth Health);

/// <summary>An event; <paramref name="Payload"/> (UTF-8 text) only on <c>GET /api/events/{id}</c>.</summary>
public sealed record EventResponse(
    string Id, string SourceId, string ProviderEventId, string? EventType, string? ContentType, int Size, DateTimeOffset ReceivedAt, string? Payload);

/// <summary>A delivery; <paramref name="Attempts"/> only on <c>GET /api/deliveries/{id}</c>.</summary>
public sealed record DeliveryResponse(
    string Id, string EventId, string SubscriptionId, string Status, int AttemptCount, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<AttemptResponse>? Attempts);

/// <summary>One attempt of a delivery; <paramref name="DurationMs"/> in milliseconds. Response headers are in <c>ApiModels.ResponseHeaders.cs</c>.</summary>
public sealed partial record AttemptResponse(int Attempt, DateTimeOffset StartedAt, long DurationMs, int? StatusCode, string? Error, string? Response, string Outcome);

/// <summary>The 202 body of a replay: the deliveries now pending.</summary>
public sealed record ReplayResponse(IReadOnlyList<string> DeliveryIds);

/// <summary>A list response.</summary>
public sealed record ListResponse<T>(IReadOnlyList<T> Data);
