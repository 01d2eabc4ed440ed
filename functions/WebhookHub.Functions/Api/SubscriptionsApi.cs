using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// <c>POST /api/subscriptions</c>, <c>GET /api/subscriptions</c>, <c>GET</c> and <c>PATCH /api/subscriptions/{id}</c> (tenant
/// key). Another tenant's subscription answers 404.
/// </summary>
internal static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/subscriptions").RequireTenant();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        return routes;
    }

    public static async Task<Results<Created<SubscriptionResponse>, ValidationProblem>> CreateAsync(
        CreateSubscriptionRequest request, HttpContext context, ITenantStore store, SsrfGuard guard, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var errors = new Dictionary<string, string[]>();
        var url = ValidateUrl(request.Url, errors, guard);
        var eventTypes = ValidateEventTypes(request.EventTypes, errors);
        var sourceIds = await ValidateSourceIdsAsync(request.SourceIds, tenant.Id, store, errors, cancellationToken);
        var settings = request.Settings ?? new SubscriptionSettings();
        SubscriptionSettingsValidation.Validate(settings, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var subscription = new Subscription(ApiKeys.NewId("sub"), tenant.Id, url!, eventTypes, sourceIds,
            ApiKeys.CreateSigningSecret(), Active: true, timeProvider.GetUtcNow())
        {
            Settings = settings,
            SigningKeys = SubscriptionSigningApi.NewSigningKeys(),
        };
        await store.CreateSubscriptionAsync(subscription, cancellationToken);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", ToResponse(subscription, includeSecret: true));
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, ITenantStore store, CancellationToken cancellationToken) =>
        await store.GetSubscriptionAsync(context.Tenant().Id, id, cancellationToken) is { } subscription
            ? TypedResults.Ok(ToResponse(subscription, includeSecret: false))
            : Problems.NotFound("subscription");

    public static async Task<Results<Ok<SubscriptionResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateSubscriptionRequest request, HttpContext context, ITenantStore store, SsrfGuard guard, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        if (await store.GetSubscriptionAsync(tenant.Id, id, cancellationToken) is not { } current) return Problems.NotFound("subscription");

        var errors = new Dictionary<string, string[]>();
        var url = request.Url is null ? current.Url : ValidateUrl(request.Url, errors, guard);
        var eventTypes = request.EventTypes is null ? current.EventTypes : ValidateEventTypes(request.EventTypes, errors);
        var sourceIds = request.SourceIds is null
            ? current.SourceIds
            : await ValidateSourceIdsAsync(request.SourceIds, tenant.Id, store, errors, cancellationToken);
        var settings = request.Settings ?? current.Settings;
        SubscriptionSettingsValidation.Validate(settings, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        if (await SubscriptionSigningApi.EnsureEd25519KeyAsync(current, settings, store, cancellationToken) is not { } keyed) return Problems.NotFound("subscription");
        var updated = keyed with { Url = url!, EventTypes = eventTypes, SourceIds = sourceIds, Active = request.Active ?? current.Active, Settings = settings };
        if (!await store.UpdateSubscriptionAsync(updated, cancellationToken)) return Problems.NotFound("subscription");
        return TypedResults.Ok(ToResponse(updated, includeSecret: false));
    }

    private static string? ValidateUrl(string? text, Dictionary<string, string[]> errors, SsrfGuard guard)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || text!.Length > 2048)
        {
            errors["url"] = ["An absolute http or https URL of at most 2048 characters is required."];
            return null;
        }

        if (guard.CheckUrl(url) is { } refused)
        {
            errors["url"] = [refused];
            return null;
        }

        return url.AbsoluteUri;
    }

    private static string[] ValidateEventTypes(string[]? requested, Dictionary<string, string[]> errors)
    {
        var eventTypes = requested is { Length: > 0 } types ? types : ["*"];
        if (eventTypes.Any(t => !EventTypeFilter.IsValid(t)) || eventTypes.Length > 100)
        {
            errors["eventTypes"] = ["Each filter must be '*', an event type, or a prefix wildcard such as 'invoice.*'; at most 100."];
        }

        return eventTypes;
    }

    private static async Task<string[]> ValidateSourceIdsAsync(
        string[]? requested, string tenantId, ITenantStore store, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var sourceIds = requested ?? [];
        if (sourceIds.Length > 0)
        {
            var own = (await store.ListSourcesAsync(tenantId, cancellationToken)).Select(s => s.Id).ToHashSet();
            var unknown = sourceIds.Where(id => !own.Contains(id)).ToArray();
            if (unknown.Length > 0) errors["sourceIds"] = [$"Unknown source IDs: {string.Join(", ", unknown)}."];
        }

        return sourceIds.Distinct().ToArray();
    }

    public static async Task<Ok<ListResponse<SubscriptionResponse>>> ListAsync(HttpContext context, ITenantStore store, CancellationToken cancellationToken)
    {
        var subscriptions = await store.ListSubscriptionsAsync(context.Tenant().Id, cancellationToken);
        return TypedResults.Ok(new ListResponse<SubscriptionResponse>(subscriptions.Select(s => ToResponse(s, includeSecret: false)).ToList()));
    }

    internal static SubscriptionResponse ToResponse(Subscription s, bool includeSecret) =>
        new(s.Id, s.Url, s.EventTypes, s.SourceIds, s.Active, s.CreatedAt, includeSecret ? s.Secret : null, s.Settings, s.Health)
        {
            PublicKey = s.SigningKeys.Ed25519PublicKey,
            PreviousSecrets = SubscriptionSigningApi.PreviousSecrets(s),
        };
}
