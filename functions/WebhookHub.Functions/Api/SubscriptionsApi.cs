using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary><c>POST /api/subscriptions</c>, <c>GET /api/subscriptions</c> (tenant key).</summary>
internal static class SubscriptionsApi
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/subscriptions").RequireTenant();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        return routes;
    }

    public static async Task<Results<Created<SubscriptionResponse>, ValidationProblem>> CreateAsync(
        CreateSubscriptionRequest request, HttpContext context, ITenantStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || request.Url!.Length > 2048)
        {
            errors["url"] = ["An absolute http or https URL of at most 2048 characters is required."];
        }

        var eventTypes = request.EventTypes is { Length: > 0 } types ? types : ["*"];
        var invalid = eventTypes.Where(t => !EventTypeFilter.IsValid(t)).ToArray();
        if (invalid.Length > 0 || eventTypes.Length > 100)
        {
            errors["eventTypes"] = ["Each filter must be '*', an event type, or a prefix wildcard such as 'invoice.*'; at most 100."];
        }

        var sourceIds = request.SourceIds ?? [];
        if (sourceIds.Length > 0)
        {
            var own = (await store.ListSourcesAsync(tenant.Id, cancellationToken)).Select(s => s.Id).ToHashSet();
            var unknown = sourceIds.Where(id => !own.Contains(id)).ToArray();
            if (unknown.Length > 0) errors["sourceIds"] = [$"Unknown source IDs: {string.Join(", ", unknown)}."];
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var subscription = new Subscription(ApiKeys.NewId("sub"), tenant.Id, url!.AbsoluteUri, eventTypes, sourceIds.Distinct().ToArray(),
            ApiKeys.CreateSigningSecret(), Active: true, timeProvider.GetUtcNow());
        await store.CreateSubscriptionAsync(subscription, cancellationToken);
        return TypedResults.Created($"/api/subscriptions/{subscription.Id}", ToResponse(subscription, includeSecret: true));
    }

    public static async Task<Ok<ListResponse<SubscriptionResponse>>> ListAsync(HttpContext context, ITenantStore store, CancellationToken cancellationToken)
    {
        var subscriptions = await store.ListSubscriptionsAsync(context.Tenant().Id, cancellationToken);
        return TypedResults.Ok(new ListResponse<SubscriptionResponse>(subscriptions.Select(s => ToResponse(s, includeSecret: false)).ToList()));
    }

    private static SubscriptionResponse ToResponse(Subscription s, bool includeSecret) =>
        new(s.Id, s.Url, s.EventTypes, s.SourceIds, s.Active, s.CreatedAt, includeSecret ? s.Secret : null);
}
