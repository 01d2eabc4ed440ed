using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using WebhookHub.Delivery;
using WebhookHub.Replay;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>
/// Bulk replay (tenant key): <c>POST /api/subscriptions/{id}/replay</c> creates a job that re-queues the subscription's failed
/// and/or dead deliveries since a time, rate-limited, in the background; <c>GET /api/replay-jobs/{id}</c> shows its progress.
/// Another tenant's subscription or job answers 404.
/// </summary>
internal static partial class ReplayJobsApi
{
    private static readonly DeliveryStatus[] DefaultStatuses = [DeliveryStatus.Failed, DeliveryStatus.Dead];

    public static IEndpointRouteBuilder MapReplayJobsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/subscriptions").RequireTenant().MapPost("/{id}/replay", CreateAsync);
        routes.MapGroup("/api/replay-jobs").RequireTenant().MapGet("/{id}", GetAsync);
        return routes;
    }

    /// <summary>Creates a replay job: 202 with its <c>Location</c> and progress; 400 for a bad filter; 404 for an unknown subscription.</summary>
    public static async Task<Results<Accepted<ReplayJobResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        string id, ReplayJobRequest request, HttpContext context, ITenantStore tenants, IReplayJobStore jobs, TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        var tenant = context.Tenant();
        if (await tenants.GetSubscriptionAsync(tenant.Id, id, cancellationToken) is null) return Problems.NotFound("subscription");

        var errors = new Dictionary<string, string[]>();
        var since = ParseSince(request.Since, errors);
        var statuses = ParseStatuses(request.Statuses, errors);
        var rate = request.RatePerSecond ?? ReplayDefaults.RatePerSecond;
        if (rate is < 1 or > ReplayDefaults.MaxRatePerSecond)
        {
            errors["ratePerSecond"] = [$"ratePerSecond must be 1 to {ReplayDefaults.MaxRatePerSecond}; got {rate}."];
        }

        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var job = await jobs.CreateReplayJobAsync(
            ReplayJob.CreateQueued(ApiKeys.NewId("rpl"), tenant.Id, id, since, statuses, rate, timeProvider.GetUtcNow()), cancellationToken);
        return TypedResults.Accepted($"/api/replay-jobs/{job.Id}", ToResponse(job));
    }

    public static async Task<Results<Ok<ReplayJobResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpContext context, IReplayJobStore jobs, CancellationToken cancellationToken) =>
        await jobs.GetReplayJobAsync(context.Tenant().Id, id, cancellationToken) is { } job
            ? TypedResults.Ok(ToResponse(job))
            : Problems.NotFound("replay job");

    private static DateTimeOffset ParseSince(string? text, Dictionary<string, string[]> errors)
    {
        if (text is not null && Rfc3339().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var since))
        {
            return since;
        }

        errors["since"] = ["since is required: an RFC 3339 date-time with an offset, such as 2026-11-21T12:00:00Z."];
        return default;
    }

    private static DeliveryStatus[] ParseStatuses(string[]? names, Dictionary<string, string[]> errors)
    {
        if (names is null) return DefaultStatuses;
        var statuses = new List<DeliveryStatus>();
        foreach (var name in names)
        {
            var known = DefaultStatuses.Where(s => s.ToString().Equals(name, StringComparison.OrdinalIgnoreCase)).ToArray();
            if (known.Length == 0)
            {
                statuses.Clear();
                break;
            }

            if (!statuses.Contains(known[0])) statuses.Add(known[0]);
        }

        if (statuses.Count == 0) errors["statuses"] = ["statuses may list failed and dead, at least one; omit it for both."];
        return statuses.ToArray();
    }

    private static ReplayJobResponse ToResponse(ReplayJob job) =>
        new(job.Id, job.SubscriptionId, job.Status.ToString().ToLowerInvariant(), job.Since,
            job.Statuses.Select(s => s.ToString().ToLowerInvariant()).ToList(), job.RatePerSecond, job.Total, job.Replayed,
            job.CreatedAt, job.UpdatedAt, job.Error);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();
}
