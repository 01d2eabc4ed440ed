namespace WebhookHub.Delivery;

/// <summary>Thrown when every address of a delivery's host is in a blocked range and none is allowed by configuration.</summary>
public sealed class SsrfBlockedException(string host)
    : Exception($"Every address of '{host}' is private, loopback, link-local or reserved; add it to WebhookHub:Delivery:AllowedNetworks to allow it.");
