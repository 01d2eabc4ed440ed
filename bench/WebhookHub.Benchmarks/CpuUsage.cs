namespace WebhookHub.Benchmarks;

/// <summary>Average cores busy over a phase (1.0 = one core).</summary>
/// <param name="ServerCores">The server under test (user + system time of its process).</param>
/// <param name="BenchmarkProcessCores">This process (the load generator, except in wrk phases).</param>
/// <param name="MachineCores">The whole machine, kernel included (Linux only).</param>
/// <param name="InterruptCores">Of <paramref name="MachineCores"/>, irq + softirq time, charged to no process: mostly loopback TCP.</param>
/// <param name="OtherCores">
/// The rest: wrk in wrk phases, kernel threads (ext4 journal, writeback), and other processes sharing the machine.
/// </param>
internal sealed record CpuUsage(double ServerCores, double BenchmarkProcessCores, double? MachineCores, double? InterruptCores, double? OtherCores);
