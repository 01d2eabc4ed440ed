using WebhookHub.Delivery;
using WebhookHub.Ingestion;
using WebhookHub.Routing;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Api;

/// <summary>Checks the subscriptions listed in <c>POST /api/events/{id}/replay</c>'s body.</summary>
internal static class EventReplayTargets
{
    /// <summary>The most subscriptions one event replay may list.</summary>
    public const int MaxSubscriptions = 100;

    /// <summary>
    /// Returns validation errors (empty when fine): the list must hold 1 to <see cref="MaxSubscriptions"/> of the tenant's
    /// subscription IDs, each matching the event now or already holding a delivery of it.
    /// </summary>
    public static Dictionary<string, string[]> Validate(
        IReadOnlyList<string> chosen, WebhookEvent webhookEvent, IReadOnlyList<Subscription> subscriptions, IReadOnlyList<WebhookDelivery> existing)
    {
        var errors = new Dictionary<string, string[]>();
        if (chosen.Count is 0 or > MaxSubscriptions)
        {
            errors["subscriptionIds"] = [$"List 1 to {MaxSubscriptions} subscription IDs, or send no body to replay to every matching subscription."];
            return errors;
        }

        var own = subscriptions.ToDictionary(s => s.Id);
        var unknown = chosen.Where(id => id is null || !own.ContainsKey(id)).Distinct().ToArray();
        if (unknown.Length > 0)
        {
            errors["subscriptionIds"] = [$"Unknown subscription IDs: {string.Join(", ", unknown)}."];
            return errors;
        }

        var delivered = existing.Select(d => d.SubscriptionId).ToHashSet();
        var unrelated = chosen.Where(id => !delivered.Contains(id) && !FanOut.Matches(own[id], webhookEvent)).Distinct().ToArray();
        if (unrelated.Length > 0)
        {
            errors["subscriptionIds"] = [$"These subscriptions neither match the event nor have a delivery of it: {string.Join(", ", unrelated)}."];
        }

        return errors;
    }
}
