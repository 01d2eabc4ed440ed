using WebhookHub.Ingestion;
using WebhookHub.Tenancy;

namespace WebhookHub.Delivery;

/// <summary>A claimed delivery with what sending it needs: its event (payload) and subscription (URL, secret).</summary>
/// <param name="Delivery">The delivery, as claimed.</param>
/// <param name="Event">Its event.</param>
/// <param name="Subscription">Its subscription.</param>
public sealed record DeliveryJob(WebhookDelivery Delivery, WebhookEvent Event, Subscription Subscription);
