namespace WebhookHub.Chaos;

/// <summary>The counts of a chaos run and every broken promise found; <see cref="Passed"/> when there is none.</summary>
internal sealed class Verdict
{
    private const int FailuresShown = 20;
    private readonly List<string> _failures = [];

    public int Events { get; init; }

    public int Duplicates { get; init; }

    public int Rejected { get; init; }

    public int Expected { get; init; }

    public int Deliveries { get; init; }

    public int Succeeded { get; set; }

    public long Attempts { get; set; }

    public int Requests { get; set; }

    public int DuplicatesReceived { get; set; }

    public int CrossTenant { get; set; }

    public SortedDictionary<string, int> DeadByReason { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> Behaviours { get; set; } = [];

    public bool Passed => _failures.Count == 0 && Rejected == 0;

    public void Fail(string failure) => _failures.Add(failure);

    public void Print(TimeSpan elapsed)
    {
        var dead = DeadByReason.Values.Sum();
        Console.WriteLine();
        Console.WriteLine($"events accepted        {Events,8:N0}   (duplicates recognised {Duplicates:N0}, rejected {Rejected:N0})");
        Console.WriteLine($"deliveries expected    {Expected,8:N0}   found {Deliveries:N0}");
        Console.WriteLine($"  succeeded            {Succeeded,8:N0}   (each acknowledged by its own tenant's endpoint, signature verified)");
        Console.WriteLine($"  dead-lettered        {dead,8:N0}");
        foreach (var (reason, count) in DeadByReason.OrderByDescending(p => p.Value)) Console.WriteLine($"    {count,8:N0}  {reason}");
        Console.WriteLine($"  lost                 {_failures.Count(f => f.StartsWith("lost", StringComparison.Ordinal)),8:N0}");
        Console.WriteLine($"attempts               {Attempts,8:N0}   receiver requests {Requests:N0}: {string.Join(", ", Behaviours.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value:N0}"))}");
        Console.WriteLine($"duplicates received    {DuplicatesReceived,8:N0}   (an acknowledged delivery acknowledged again: at-least-once)");
        Console.WriteLine($"to another tenant      {CrossTenant,8:N0}");
        foreach (var failure in _failures.Take(FailuresShown)) Console.WriteLine("FAIL " + failure);
        if (_failures.Count > FailuresShown) Console.WriteLine($"… and {_failures.Count - FailuresShown} more failures");
        Console.WriteLine($"chaos run {(Passed ? "PASSED" : "FAILED")} in {elapsed.TotalSeconds:0.0} s");
    }
}
