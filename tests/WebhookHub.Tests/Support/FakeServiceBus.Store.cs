using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace WebhookHub.Tests.Support;

/// <summary>The entities of <see cref="FakeServiceBus"/>: what is held, sent, locked, settled and dead-lettered.</summary>
public sealed partial class FakeServiceBus
{
    /// <summary>Request headers that are HTTP's, Azure.Core's or Service Bus's own; any other header of a send is a custom property.</summary>
    private static readonly HashSet<string> NotCustomHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Type", "Content-Length", "Authorization", "BrokerProperties", "Expect", "Connection", "User-Agent",
        "Accept", "Accept-Encoding", "Transfer-Encoding", "traceparent", "tracestate", "Request-Id",
    };

    private readonly object _gate = new();
    private readonly Dictionary<string, string[]> _topics = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ReceiveEntity> _entities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _seenMessageIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _sequences = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeServiceBusDeadLetter> _deadLetters = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Dead-lettered messages of every entity, in order.</summary>
    public IReadOnlyList<FakeServiceBusDeadLetter> DeadLetters
    {
        get { lock (_gate) { Sweep(); return _deadLetters.ToArray(); } }
    }

    /// <summary>What a queue or subscription (<c>topic/subscriptions/name</c>) holds — scheduled, active and locked — by sequence number.</summary>
    /// <exception cref="ArgumentException">No such queue or subscription.</exception>
    public IReadOnlyList<FakeServiceBusMessage> Messages(string entityPath)
    {
        lock (_gate)
        {
            Sweep();
            if (!_entities.TryGetValue(entityPath, out var entity)) throw new ArgumentException($"No queue or subscription '{entityPath}'.", nameof(entityPath));
            return entity.Messages.Select(m => m.Snapshot()).ToArray();
        }
    }

    private void AddReceiveEntity(string path, string sendEntity)
    {
        _entities[path] = new ReceiveEntity(path);
        _seenMessageIds.TryAdd(sendEntity, new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal));
        _sequences.TryAdd(sendEntity, 0);
    }

    private async Task SendAsync(HttpContext context, string entityPath, byte[] body)
    {
        string[] targets;
        if (_topics.TryGetValue(entityPath, out var subscriptions)) targets = subscriptions;
        else if (_entities.TryGetValue(entityPath, out var queue) && !entityPath.Contains('/')) targets = [queue.Path];
        else
        {
            await ErrorAsync(context, 410, $"MessagingEntityNotFound: no queue or topic '{entityPath}'.");
            return;
        }

        List<Sent> sent;
        try
        {
            sent = context.Request.ContentType == "application/vnd.microsoft.servicebus.json"
                ? ParseBatch(body)
                : [ParseSingle(context.Request, body)];
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            await ErrorAsync(context, 400, "Malformed message: " + e.Message);
            return;
        }

        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            var seen = _seenMessageIds[entityPath];
            foreach (var expired in seen.Where(s => now - s.Value >= DuplicateDetectionWindow).Select(s => s.Key).ToList()) seen.Remove(expired);
            foreach (var message in sent)
            {
                var messageId = message.MessageId ?? Guid.NewGuid().ToString("N");
                if (seen.ContainsKey(messageId)) continue; // a duplicate: accepted, dropped
                seen[messageId] = now;
                var sequence = ++_sequences[entityPath];
                foreach (var target in targets) _entities[target].Messages.Add(new Held(target, sequence, message with { MessageId = messageId }, now));
            }

            Pulse();
        }

        context.Response.StatusCode = 201;
    }

    private async Task ReceiveAsync(HttpContext context, string entityPath, bool peekLock, CancellationToken ct)
    {
        if (!_entities.TryGetValue(entityPath, out var entity))
        {
            await ErrorAsync(context, 410, $"MessagingEntityNotFound: no queue or subscription '{entityPath}'.");
            return;
        }

        var seconds = int.TryParse(context.Request.Query["timeout"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 60;
        var deadline = _timeProvider.GetUtcNow() + TimeSpan.FromSeconds(seconds);
        FakeServiceBusMessage taken;
        while (true)
        {
            Task changed;
            TimeSpan wait;
            lock (_gate)
            {
                Sweep();
                var now = _timeProvider.GetUtcNow();
                var next = entity.Messages.Where(m => m.State == FakeMessageState.Active).MinBy(m => m.SequenceNumber);
                if (next is not null)
                {
                    next.DeliveryCount++;
                    if (peekLock)
                    {
                        next.State = FakeMessageState.Locked;
                        next.LockToken = Guid.NewGuid().ToString();
                        next.LockedUntil = now + LockDuration;
                    }
                    else
                    {
                        entity.Messages.Remove(next);
                    }

                    taken = next.Snapshot();
                    break;
                }

                if (now >= deadline)
                {
                    context.Response.StatusCode = 204;
                    return;
                }

                changed = _changed.Task;
                var due = entity.Messages.Select(m => m.DueAt).Where(d => d is not null).Min() ?? deadline;
                wait = (due < deadline ? due : deadline) - now;
            }

            using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(changed, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, _timeProvider, delay.Token));
            await delay.CancelAsync();
            if (ct.IsCancellationRequested) return;
        }

        WriteHeaders(context.Response, taken);
        await context.Response.Body.WriteAsync(taken.Body, ct);
    }

    private async Task SettleAsync(HttpContext context, string entityPath, string messageIdOrSequence, string lockToken)
    {
        var method = context.Request.Method;
        if (!HttpMethods.IsDelete(method) && !HttpMethods.IsPut(method) && !HttpMethods.IsPost(method))
        {
            await ErrorAsync(context, 400, $"{method} does not settle a message.");
            return;
        }

        lock (_gate)
        {
            Sweep();
            var held = _entities.TryGetValue(entityPath, out var entity)
                ? entity.Messages.FirstOrDefault(m => m.State == FakeMessageState.Locked && m.LockToken == lockToken
                    && (m.SequenceNumber.ToString(CultureInfo.InvariantCulture) == messageIdOrSequence || m.Message.MessageId == messageIdOrSequence))
                : null;
            if (held is not null)
            {
                if (HttpMethods.IsDelete(method)) entity!.Messages.Remove(held);
                else if (HttpMethods.IsPut(method)) Release(entity!, held);
                else held.LockedUntil = _timeProvider.GetUtcNow() + LockDuration;
                context.Response.StatusCode = 200;
                return;
            }
        }

        await ErrorAsync(context, 404, $"MessageLockLost: no message locked with token '{lockToken}' in '{entityPath}'.");
    }

    /// <summary>Applies the clock: due scheduled messages become active, expired locks are released, expired messages go.</summary>
    private void Sweep()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var entity in _entities.Values)
        {
            foreach (var held in entity.Messages.ToList())
            {
                if (held.State == FakeMessageState.Scheduled && held.Message.ScheduledEnqueueTime <= now)
                {
                    held.State = FakeMessageState.Active;
                    held.EnqueuedTime = held.Message.ScheduledEnqueueTime.Value;
                    Pulse();
                }
                else if (held.State == FakeMessageState.Locked && held.LockedUntil <= now)
                {
                    Release(entity, held);
                }

                if (held.State == FakeMessageState.Active && held.Message.TimeToLive is { } ttl && held.EnqueuedTime + ttl <= now)
                {
                    entity.Messages.Remove(held);
                    if (DeadLetteringOnMessageExpiration) _deadLetters.Add(new FakeServiceBusDeadLetter(held.Snapshot(), "TTLExpiredException", now));
                }
            }
        }
    }

    /// <summary>Ends a lock (abandoned or expired): back to active, or dead-lettered after <see cref="MaxDeliveryCount"/> deliveries.</summary>
    private void Release(ReceiveEntity entity, Held held)
    {
        held.State = FakeMessageState.Active;
        held.LockToken = null;
        held.LockedUntil = null;
        if (held.DeliveryCount >= MaxDeliveryCount)
        {
            entity.Messages.Remove(held);
            _deadLetters.Add(new FakeServiceBusDeadLetter(held.Snapshot(), "MaxDeliveryCountExceeded", _timeProvider.GetUtcNow()));
        }

        Pulse();
    }

    private void Pulse()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    /// <summary>The peek-lock response headers, as the reference's example shows them.</summary>
    private void WriteHeaders(HttpResponse response, FakeServiceBusMessage message)
    {
        response.StatusCode = 201;
        if (message.ContentType is { } contentType) response.ContentType = contentType;
        if (message.LockToken is not null) response.Headers.Location = $"{BaseUrl}/{message.EntityPath}/messages/{message.SequenceNumber}/{message.LockToken}";
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("DeliveryCount", message.DeliveryCount);
            writer.WriteString("EnqueuedTimeUtc", message.EnqueuedTime.ToString("r", CultureInfo.InvariantCulture));
            if (message.Label is not null) writer.WriteString("Label", message.Label);
            if (message.LockToken is not null) writer.WriteString("LockToken", message.LockToken);
            if (message.LockedUntil is { } until) writer.WriteString("LockedUntilUtc", until.ToString("r", CultureInfo.InvariantCulture));
            writer.WriteString("MessageId", message.MessageId);
            if (message.SessionId is not null) writer.WriteString("SessionId", message.SessionId);
            if (message.CorrelationId is not null) writer.WriteString("CorrelationId", message.CorrelationId);
            writer.WriteNumber("SequenceNumber", message.SequenceNumber);
            writer.WriteString("State", "Active");
            if (message.TimeToLive is { } ttl) writer.WriteNumber("TimeToLive", ttl.TotalSeconds);
            writer.WriteEndObject();
        }

        response.Headers["BrokerProperties"] = Encoding.UTF8.GetString(json.ToArray());
        foreach (var (name, value) in message.UserProperties) response.Headers[name] = "\"" + value + "\"";
    }

    private static Sent ParseSingle(HttpRequest request, byte[] body)
    {
        var properties = request.Headers
            .Where(h => !NotCustomHeaders.Contains(h.Key) && !h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => Unquote(h.Value.ToString()), StringComparer.OrdinalIgnoreCase);
        var sent = new Sent(body, request.ContentType, properties);
        var broker = request.Headers["BrokerProperties"].ToString();
        if (broker.Length == 0) return sent;
        using var document = JsonDocument.Parse(broker);
        return WithBrokerProperties(sent, document.RootElement);
    }

    private static List<Sent> ParseBatch(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var messages = new List<Sent>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (item.TryGetProperty("UserProperties", out var user))
            {
                foreach (var p in user.EnumerateObject()) properties[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }

            var sent = new Sent(Encoding.UTF8.GetBytes(item.GetProperty("Body").GetString()!), null, properties);
            messages.Add(item.TryGetProperty("BrokerProperties", out var broker) ? WithBrokerProperties(sent, broker) : sent);
        }

        return messages;
    }

    private static Sent WithBrokerProperties(Sent sent, JsonElement broker) => sent with
    {
        MessageId = Text(broker, "MessageId"),
        SessionId = Text(broker, "SessionId"),
        CorrelationId = Text(broker, "CorrelationId"),
        Label = Text(broker, "Label"),
        TimeToLive = broker.TryGetProperty("TimeToLive", out var ttl) ? TimeSpan.FromSeconds(ttl.GetDouble()) : null,
        ScheduledEnqueueTime = Text(broker, "ScheduledEnqueueTimeUtc") is { } scheduled
            ? DateTimeOffset.ParseExact(scheduled.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
            : null,
    };

    private static string? Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() : null;

    private static string Unquote(string value) => value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1] : value;

    /// <summary>A message as sent, before it is held by an entity.</summary>
    private sealed record Sent(byte[] Body, string? ContentType, IReadOnlyDictionary<string, string> UserProperties)
    {
        public string? MessageId { get; init; }
        public string? SessionId { get; init; }
        public string? CorrelationId { get; init; }
        public string? Label { get; init; }
        public TimeSpan? TimeToLive { get; init; }
        public DateTimeOffset? ScheduledEnqueueTime { get; init; }
    }

    private sealed class ReceiveEntity(string path)
    {
        public string Path { get; } = path;
        public List<Held> Messages { get; } = [];
    }

    /// <summary>A message held by one queue or subscription.</summary>
    private sealed class Held(string entityPath, long sequenceNumber, Sent message, DateTimeOffset now)
    {
        public string EntityPath { get; } = entityPath;
        public long SequenceNumber { get; } = sequenceNumber;
        public Sent Message { get; } = message;
        public FakeMessageState State { get; set; } = message.ScheduledEnqueueTime > now ? FakeMessageState.Scheduled : FakeMessageState.Active;
        public DateTimeOffset EnqueuedTime { get; set; } = message.ScheduledEnqueueTime > now ? message.ScheduledEnqueueTime.Value : now;
        public int DeliveryCount { get; set; }
        public string? LockToken { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }

        /// <summary>When the clock next changes this message: its scheduled time, or its lock's expiry.</summary>
        public DateTimeOffset? DueAt => State switch
        {
            FakeMessageState.Scheduled => Message.ScheduledEnqueueTime,
            FakeMessageState.Locked => LockedUntil,
            _ => null,
        };

        public FakeServiceBusMessage Snapshot() => new(
            EntityPath, SequenceNumber, Message.Body, Message.ContentType, Message.MessageId!, Message.SessionId, Message.CorrelationId,
            Message.Label, Message.TimeToLive, Message.ScheduledEnqueueTime, EnqueuedTime, Message.UserProperties, DeliveryCount, State,
            LockToken, LockedUntil);
    }
}
