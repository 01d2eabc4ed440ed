using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// <c>GET /api/subscriptions/{id}/dead-letters?limit=&amp;after=</c> (tenant key): a subscription's dead-lettered deliveries,
/// newest first, with reason, last status and attempts. Another tenant's subscription answers 404.
/// </summary>
internal static class DeadLettersApi
{
    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/subscriptions").RequireTenant().MapGet("/{id}/dead-letters", ListAsync);
        return routes;
    }

    /// <summary>Lists dead letters; <paramref name="limit"/> 1–1000 (default 100); <paramref name="after"/> is the last delivery ID of the previous page.</summary>
    public static async Task<Results<Ok<ListResponse<DeadLetterResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        string id, HttpContext context, ITenantStore tenants, IDeliveryQueries queries, int? limit, string? after, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 to 1000."] });
        var tenant = context.Tenant();
        if (await tenants.GetSubscriptionAsync(tenant.Id, id, cancellationToken) is null) return Problems.NotFound("subscription");

        var deadLetters = await queries.ListDeadLettersAsync(tenant.Id, id, limit ?? 100, after, cancellationToken);
        return TypedResults.Ok(new ListResponse<DeadLetterResponse>(deadLetters
            .Select(d => new DeadLetterResponse(d.DeliveryId, d.EventId, d.EventType, d.SubscriptionId, d.Reason, d.LastStatusCode,
                d.AttemptCount, d.DeadLetteredAt, d.CreatedAt))
            .ToList()));
    }
}
