using System.Collections.Concurrent;

namespace WebhookHub.Benchmarks;

/// <summary>Counts responses: 200s, and everything else by kind. Thread-safe.</summary>
internal sealed class OutcomeCounters
{
    private readonly ConcurrentDictionary<string, long> _errors = new();
    private long _ok;
    private long _failed;

    public long Ok => Interlocked.Read(ref _ok);

    public long Failed => Interlocked.Read(ref _failed);

    public void Record(int status)
    {
        if (status == 200)
        {
            Interlocked.Increment(ref _ok);
            return;
        }

        Interlocked.Increment(ref _failed);
        _errors.AddOrUpdate(Describe(status), 1, (_, count) => count + 1);
    }

    /// <summary>Non-200 outcomes by kind, for example <c>503</c>, <c>transport</c>, <c>200-unexpected-body</c>.</summary>
    public IReadOnlyDictionary<string, long> Errors() => new SortedDictionary<string, long>(_errors);

    private static string Describe(int status) => status switch
    {
        SendStatus.TransportError => "transport",
        SendStatus.UnexpectedBody => "200-unexpected-body",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
