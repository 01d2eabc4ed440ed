using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;

namespace WebhookHub.Functions.Api;

/// <summary><c>GET /api/deliveries?status=&amp;subscriptionId=&amp;eventId=&amp;limit=&amp;after=</c>, <c>GET /api/deliveries/{id}</c>, <c>POST /api/deliveries/{id}/replay</c> (tenant key).</summary>
internal static class DeliveriesApi
{
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/deliveries").RequireTenant();
        group.MapGet("", ListAsync);
        group.MapGet("{id}", GetAsync);
        group.MapPost("{id}/replay", ReplayAsync);
        return routes;
    }

    /// <summary>
    /// Lists deliveries newest first, optionally of one <paramref name="status"/> (pending, succeeded, failed, dead), one
    /// <paramref name="subscriptionId"/> and one <paramref name="eventId"/>; <paramref name="limit"/> 1–1000 (default 100);
    /// <paramref name="after"/> is the last delivery ID of the previous page.
    /// </summary>
    public static async Task<Results<Ok<ListResponse<DeliveryResponse>>, ValidationProblem>> ListAsync(
        HttpContext context, IDeliveryQueries queries, string? status, string? subscriptionId, string? eventId, int? limit, string? after,
        CancellationToken cancellationToken)
    {
        DeliveryStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status must be pending, succeeded, failed or dead."] });
            }

            filter = parsed;
        }

        if (limit is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 to 1000."] });
        var deliveries = await queries.ListDeliveriesAsync(
            context.Tenant().Id, new DeliveryQuery(filter, subscriptionId, eventId, limit ?? 100, after), cancellationToken);
        return TypedResults.Ok(new ListResponse<DeliveryResponse>(deliveries.Select(d => ToResponse(d, null)).ToList()));
    }

    public static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IDeliveryStore store, CancellationToken cancellationToken)
    {
        var delivery = await store.GetDeliveryAsync(context.Tenant().Id, id, cancellationToken);
        if (delivery is null) return Problems.NotFound("delivery");
        var attempts = await store.ListAttemptsAsync(delivery.TenantId, delivery.Id, cancellationToken);
        return TypedResults.Ok(ToResponse(delivery, attempts));
    }

    /// <summary>Sends the delivery again now with a fresh retry schedule, whatever its status.</summary>
    public static async Task<Results<Accepted<ReplayResponse>, ProblemHttpResult>> ReplayAsync(
        string id, HttpContext context, IDeliveryStore store, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var delivery = await store.GetDeliveryAsync(context.Tenant().Id, id, cancellationToken);
        if (delivery is null) return Problems.NotFound("delivery");
        var ids = await store.ReplayAsync([delivery], timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.Accepted($"/api/deliveries/{id}", new ReplayResponse(ids));
    }

    private static DeliveryResponse ToResponse(WebhookDelivery d, IReadOnlyList<DeliveryAttempt>? attempts) =>
        new(d.Id, d.EventId, d.SubscriptionId, d.Status.ToString().ToLowerInvariant(), d.AttemptCount,
            d.Status is DeliveryStatus.Pending or DeliveryStatus.Failed ? d.NextAttemptAt : null,
            d.LastStatusCode, d.LastError, d.CreatedAt, d.UpdatedAt,
            attempts?.Select(a => new AttemptResponse(a.AttemptNumber, a.StartedAt, a.DurationMilliseconds, a.StatusCode, a.Error,
                a.ResponseBody, a.Outcome.ToString().ToLowerInvariant()) { ResponseHeaders = a.ResponseHeaders }).ToList());
}
