namespace WebhookHub.Chaos;

/// <summary>What the chaos receiver does with one request.</summary>
internal enum ReceiverBehaviour
{
    /// <summary>200 at once.</summary>
    Ok,
    /// <summary>200 after 50–300 ms.</summary>
    SlowOk,
    /// <summary>500, 502 or 503.</summary>
    ServerError,
    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    TooManyRequests,
    /// <summary>No answer until WebhookHub's timeout gives up.</summary>
    Hang,
    /// <summary>The connection is reset (aborted) without an answer.</summary>
    Reset,
    /// <summary>400 or 404, which WebhookHub may treat as permanent.</summary>
    PermanentClientError,
}

/// <summary>
/// How an endpoint misbehaves: <see cref="Flaky"/> mostly works, <see cref="Hostile"/> mostly fails, <see cref="Down"/> always
/// answers 503. Each request draws from a seeded <see cref="Random"/> shared by the receiver.
/// </summary>
internal enum EndpointProfile
{
    Flaky,
    Hostile,
    Down,
}

/// <summary>Draws a behaviour per request from a profile's weights.</summary>
internal static class Behaviours
{
    private static readonly (ReceiverBehaviour Behaviour, int Weight)[] Flaky =
    [
        (ReceiverBehaviour.Ok, 70), (ReceiverBehaviour.SlowOk, 5), (ReceiverBehaviour.ServerError, 9), (ReceiverBehaviour.TooManyRequests, 4),
        (ReceiverBehaviour.Hang, 3), (ReceiverBehaviour.Reset, 5), (ReceiverBehaviour.PermanentClientError, 4),
    ];

    private static readonly (ReceiverBehaviour Behaviour, int Weight)[] Hostile =
    [
        (ReceiverBehaviour.Ok, 35), (ReceiverBehaviour.SlowOk, 5), (ReceiverBehaviour.ServerError, 25), (ReceiverBehaviour.TooManyRequests, 10),
        (ReceiverBehaviour.Hang, 5), (ReceiverBehaviour.Reset, 12), (ReceiverBehaviour.PermanentClientError, 8),
    ];

    public static ReceiverBehaviour Pick(EndpointProfile profile, Random random)
    {
        if (profile == EndpointProfile.Down) return ReceiverBehaviour.ServerError;
        var table = profile == EndpointProfile.Flaky ? Flaky : Hostile;
        var roll = random.Next(table.Sum(t => t.Weight));
        foreach (var (behaviour, weight) in table)
        {
            if (roll < weight) return behaviour;
            roll -= weight;
        }

        return ReceiverBehaviour.Ok;
    }
}
