namespace WebhookHub.Benchmarks;

/// <summary>Average cores busy over a phase (1.0 = one core).</summary>
/// <param name="ServerCores">The server under test.</param>
/// <param name="BenchmarkProcessCores">This process (the load generator, except in wrk phases).</param>
/// <param name="MachineCores">The whole machine, kernel included (Linux only).</param>
/// <param name="OtherCores">Machine − server − this process: wrk in wrk phases, otherwise noise from other processes.</param>
internal sealed record CpuUsage(double ServerCores, double BenchmarkProcessCores, double? MachineCores, double? OtherCores);
