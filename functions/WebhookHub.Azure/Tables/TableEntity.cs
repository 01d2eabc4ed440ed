using System.Globalization;

namespace WebhookHub.Azure.Tables;

/// <summary>
/// One Table Storage entity: its keys, its ETag and Timestamp as the service returned them, and its properties by
/// case-sensitive name. Not thread-safe.
/// </summary>
/// <remarks>
/// Property values are one of <see cref="string"/> (Edm.String), <see cref="bool"/> (Edm.Boolean), <see cref="int"/>
/// (Edm.Int32), <see cref="long"/> (Edm.Int64), <see cref="double"/> (Edm.Double), <see cref="DateTimeOffset"/> (Edm.DateTime,
/// UTC, 100 ns precision), <see cref="Guid"/> (Edm.Guid) and <see cref="byte"/>[] (Edm.Binary); values read from the service
/// come back as the same CLR type they were written with (an Int64 stays <see cref="long"/> even when small).
/// Keys are stored exactly as given: they may not contain <c>/ \ # ?</c> or control characters, so run untrusted values
/// through <see cref="TableKey.Escape"/> first; the client percent-encodes keys in URLs itself.
/// Data model: https://learn.microsoft.com/rest/api/storageservices/understanding-the-table-service-data-model.
/// </remarks>
public sealed class TableEntity
{
    private readonly Dictionary<string, object?> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with no properties.</summary>
    /// <param name="partitionKey">The PartitionKey, unescaped (may be empty).</param>
    /// <param name="rowKey">The RowKey, unescaped (may be empty).</param>
    /// <exception cref="ArgumentNullException">A key is null.</exception>
    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The PartitionKey.</summary>
    public string PartitionKey { get; }

    /// <summary>The RowKey.</summary>
    public string RowKey { get; }

    /// <summary>The entity's ETag as the service returned it (<c>W/"datetime'…'"</c>); null for an entity not yet written.
    /// The client sets it after each successful write of this instance.</summary>
    public string? ETag { get; set; }

    /// <summary>The service's last-modified time (the system property <c>Timestamp</c>); null for an entity not read from the service.</summary>
    public DateTimeOffset? Timestamp { get; internal set; }

    /// <summary>The properties other than PartitionKey, RowKey and Timestamp, by case-sensitive name.</summary>
    public IReadOnlyDictionary<string, object?> Properties => _properties;

    /// <summary>Gets or sets a property; getting an absent property gives null, setting null removes it.</summary>
    /// <param name="name">The property name (case-sensitive, at most 255 characters; not PartitionKey, RowKey or Timestamp).</param>
    /// <exception cref="ArgumentException">The name is reserved or malformed, or the value's type is not one of the supported types.</exception>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidateName(name);
            if (value is null)
            {
                _properties.Remove(name);
                return;
            }

            if (!IsSupported(value))
                throw new ArgumentException(
                    $"Property '{name}' has type {value.GetType().Name}; a table property is string, bool, int, long, double, DateTimeOffset, Guid or byte[].",
                    nameof(value));
            _properties[name] = value is DateTimeOffset time ? time.ToUniversalTime() : value;
        }
    }

    /// <summary>The property as a string; null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public string? GetString(string name) => Get<string>(name);

    /// <summary>The property as a 64-bit integer (an Int32 value widens); null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public long? GetInt64(string name) => this[name] switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw WrongType(name, other, "Int64"),
    };

    /// <summary>The property as a 32-bit integer (an Int64 value narrows when it fits); null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type or an Int64 outside the Int32 range.</exception>
    public int? GetInt32(string name) => this[name] switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw WrongType(name, other, "Int32"),
    };

    /// <summary>The property as a Boolean; null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public bool? GetBoolean(string name) => GetValue<bool>(name);

    /// <summary>The property as a UTC time; null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    /// <summary>The property as bytes (the stored array, not a copy); null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public byte[]? GetBinary(string name) => Get<byte[]>(name);

    /// <summary>The property as a double (Int32 and Int64 values convert); null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public double? GetDouble(string name) => this[name] switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw WrongType(name, other, "Double"),
    };

    /// <summary>The property as a GUID; null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    /// <summary>Sets a property read from the wire without re-validating its name (the service allows what it returns).</summary>
    internal void SetFromService(string name, object value) => _properties[name] = value;

    internal static bool IsReservedName(string name) =>
        name is TableRestFormat.PartitionKey or TableRestFormat.RowKey or TableRestFormat.Timestamp;

    private T? Get<T>(string name) where T : class => this[name] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(name, other, typeof(T).Name),
    };

    private T? GetValue<T>(string name) where T : struct => this[name] switch
    {
        null => null,
        T value => value,
        var other => throw WrongType(name, other, typeof(T).Name),
    };

    private static bool IsSupported(object value) =>
        value is string or bool or int or long or double or DateTimeOffset or Guid or byte[];

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Length > 255)
            throw new ArgumentException($"A property name has at most 255 characters; this one has {name.Length}.", nameof(name));
        if (IsReservedName(name))
            throw new ArgumentException($"'{name}' is a system property; use the constructor for keys.", nameof(name));
        if (name.Contains('@') || name.StartsWith("odata.", StringComparison.Ordinal))
            throw new ArgumentException($"'{name}' would be read as an OData annotation.", nameof(name));
    }

    private static InvalidOperationException WrongType(string name, object value, string wanted) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Property '{name}' holds {value.GetType().Name}, not {wanted}."));
}
