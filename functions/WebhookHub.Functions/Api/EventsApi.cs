using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary><c>GET /api/events</c>, <c>GET /api/events/{id}</c>, <c>POST /api/events/{id}/replay</c> (tenant key).</summary>
internal static class EventsApi
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/events").RequireTenant();
        group.MapGet("", ListAsync);
        group.MapGet("{id}", GetAsync);
        group.MapPost("{id}/replay", ReplayAsync);
        return routes;
    }

    /// <summary>Lists events newest first; <paramref name="limit"/> 1–1000 (default 100); <paramref name="after"/> is the last event ID of the previous page.</summary>
    public static async Task<Results<Ok<ListResponse<EventResponse>>, ValidationProblem>> ListAsync(
        HttpContext context, IEventStore store, int? limit, string? after, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 to 1000."] });
        var events = await store.ListEventsAsync(context.Tenant().Id, limit ?? 100, after, cancellationToken);
        return TypedResults.Ok(new ListResponse<EventResponse>(events.Select(e => ToResponse(e, includePayload: false)).ToList()));
    }

    public static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IEventStore store, CancellationToken cancellationToken)
    {
        var webhookEvent = await store.GetEventAsync(context.Tenant().Id, id, cancellationToken);
        return webhookEvent is null ? Problems.NotFound("event") : TypedResults.Ok(ToResponse(webhookEvent, includePayload: true));
    }

    /// <summary>
    /// Re-sends the event to every subscription that matches it now, or only to <see cref="EventReplayRequest.SubscriptionIds"/>
    /// when the optional body lists some: existing deliveries restart their schedule, new ones are created. A listed ID that is
    /// not the tenant's, or a subscription that neither matches the event nor has a delivery of it, answers 400.
    /// </summary>
    public static async Task<Results<Accepted<ReplayResponse>, ValidationProblem, ProblemHttpResult>> ReplayAsync(
        string id, EventReplayRequest? request, HttpContext context, IEventStore events, ITenantStore tenants, IDeliveryStore deliveries,
        IDeliveryQueries queries, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        var webhookEvent = await events.GetEventAsync(tenant.Id, id, cancellationToken);
        if (webhookEvent is null) return Problems.NotFound("event");

        var now = timeProvider.GetUtcNow();
        var subscriptions = await tenants.ListSubscriptionsAsync(tenant.Id, cancellationToken);
        IReadOnlyList<WebhookDelivery> planned;
        if (request?.SubscriptionIds is { } chosen)
        {
            var existing = await queries.ListDeliveriesAsync(tenant.Id, new DeliveryQuery(EventId: webhookEvent.Id, Limit: 1000), cancellationToken);
            var errors = EventReplayTargets.Validate(chosen, webhookEvent, subscriptions, existing);
            if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
            planned = chosen.Distinct().Select(s => WebhookDelivery.CreatePending(webhookEvent, s, now)).ToList();
        }
        else
        {
            planned = FanOut.Plan(webhookEvent, subscriptions, now);
        }

        var ids = await deliveries.ReplayAsync(planned, now, cancellationToken);
        return TypedResults.Accepted($"/api/deliveries?eventId={id}", new ReplayResponse(ids));
    }

    private static EventResponse ToResponse(WebhookEvent e, bool includePayload) =>
        new(e.Id, e.SourceId, e.ProviderEventId, e.EventType, e.ContentType, e.Payload.Length, e.ReceivedAt,
            includePayload ? TryDecode(e.Payload.Span) : null);

    private static string? TryDecode(ReadOnlySpan<byte> payload)
    {
        try
        {
            return StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
