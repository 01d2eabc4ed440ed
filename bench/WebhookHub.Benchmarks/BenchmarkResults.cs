namespace WebhookHub.Benchmarks;

/// <summary>Everything one run measured; written as JSON to <c>--out</c>.</summary>
internal sealed record BenchmarkResults(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    RunSettings Settings,
    ServerResult Bare,
    ServerResult Hub,
    HubStorageCheck StorageCheck,
    Summary Summary);

/// <summary>Where the numbers came from; <c>BackgroundCores</c> is the machine's busy cores over 2 s before the servers started.</summary>
internal sealed record MachineInfo(
    int ProcessorCount, string Os, string Runtime, string? CpuModel, string DataDirectory, string? DataFileSystem, double? BackgroundCores);

/// <summary>The options in effect.</summary>
internal sealed record RunSettings(
    string Client, int Connections, double DurationSeconds, double WarmupSeconds, double RateFraction, bool HubWorkers, int PayloadBytes,
    IReadOnlyList<string> HubArguments, string Configuration);

/// <summary>One server's phases; <see cref="Wrk"/> is null when wrk did not run.</summary>
internal sealed record ServerResult(string Name, PeakResult Peak, RateResult Rate, WrkResult? Wrk);

/// <summary>Rows in WebhookHub's <c>events</c> table after the run vs 200 responses the load generators saw.</summary>
/// <remarks>wrk stops with requests in flight that the hub may still commit, so stored may exceed acknowledged by up to the connection count per wrk run.</remarks>
internal sealed record HubStorageCheck(long StoredEvents, long AcknowledgedByClient, long AcknowledgedByWrk, bool Consistent);

/// <summary>The headline numbers; <c>GoalMet</c> is null when the open-loop rate was not half the peak.</summary>
internal sealed record Summary(
    double ThroughputRatio, double HubPeakPerSecond, double BarePeakPerSecond, double HubP99MsAtRate, double BareP99MsAtRate,
    double? WrkThroughputRatio, bool? GoalMet);
