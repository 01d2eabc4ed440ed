using System.Diagnostics;

namespace WebhookHub.Benchmarks;

/// <summary>
/// CPU used over a window, in cores (1.0 = one core busy): by the server process, by this process, and by the whole
/// machine (<see cref="MachineCpu"/>). The rest is other processes: wrk during wrk phases, anything else sharing the machine.
/// </summary>
internal sealed class CpuMeter(ServerProcess server)
{
    private readonly Process _self = Process.GetCurrentProcess();
    private TimeSpan _serverStart;
    private TimeSpan _selfStart;
    private (long Busy, long Total)? _machineStart;
    private long _start;

    public void Start()
    {
        _serverStart = server.CpuTime;
        _selfStart = SelfCpu();
        _machineStart = MachineCpu.Ticks();
        _start = Stopwatch.GetTimestamp();
    }

    public CpuUsage Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        var serverCores = Math.Round((server.CpuTime - _serverStart).TotalSeconds / seconds, 2);
        var selfCores = Math.Round((SelfCpu() - _selfStart).TotalSeconds / seconds, 2);
        var machine = MachineCpu.BusyCores(_machineStart, MachineCpu.Ticks());
        return new CpuUsage(serverCores, selfCores, machine, machine is { } m ? Math.Round(Math.Max(0, m - serverCores - selfCores), 2) : null);
    }

    private TimeSpan SelfCpu()
    {
        _self.Refresh();
        return _self.TotalProcessorTime;
    }
}
