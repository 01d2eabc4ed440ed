namespace WebhookHub.Azure.Tables;

/// <summary>
/// A webhook body spread over binary properties <c>Payload</c>, <c>Payload1</c>, … of at most 64 KiB each, the limit of one
/// property; an entity holds at most 1 MiB in all
/// (https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model#property-types).
/// </summary>
internal static class EventPayload
{
    /// <summary>Bytes per property.</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Properties per entity: 15 × 64 KiB = 960 KiB, leaving room for the event's other properties.</summary>
    public const int MaxChunks = 15;

    /// <summary>The largest body the table store keeps (983,040 bytes); <c>WebhookHub:MaxBodyBytes</c> may not exceed it with Tables.</summary>
    public const int MaxBytes = TableWebhookStore.MaxEventBytes;

    public static void Write(TableEntity entity, ReadOnlyMemory<byte> payload)
    {
        if (payload.Length > MaxBytes)
        {
            throw new ArgumentException($"An event body of {payload.Length} bytes exceeds the table store's {MaxBytes} bytes.", nameof(payload));
        }

        entity["PayloadLength"] = payload.Length;
        for (int chunk = 0, offset = 0; offset < payload.Length; chunk++, offset += ChunkBytes)
        {
            entity[Name(chunk)] = payload.Slice(offset, Math.Min(ChunkBytes, payload.Length - offset)).ToArray();
        }
    }

    public static byte[] Read(TableEntity entity)
    {
        var length = entity.GetInt32("PayloadLength") ?? 0;
        var payload = new byte[length];
        for (int chunk = 0, offset = 0; offset < length; chunk++)
        {
            var part = entity.GetBinary(Name(chunk)) ?? throw new InvalidDataException($"Event row {entity.RowKey} lacks {Name(chunk)}.");
            part.CopyTo(payload, offset);
            offset += part.Length;
        }

        return payload;
    }

    private static string Name(int chunk) => chunk == 0 ? "Payload" : "Payload" + chunk.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
