namespace WebhookHub.Ingestion;

/// <summary>Thrown when the store's bounded write queue is full; nothing was written.</summary>
public sealed class StoreOverloadedException() : Exception("The event store's write queue is full.");
