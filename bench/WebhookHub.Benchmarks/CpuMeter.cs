using System.Diagnostics;

namespace WebhookHub.Benchmarks;

/// <summary>
/// CPU used over a window, in cores (1.0 = one core busy): by the server process, by this process, and by the whole
/// machine (<see cref="MachineCpu"/>), split into interrupt time (loopback networking) and other processes: wrk during wrk
/// phases, kernel threads such as ext4 journaling and writeback, and anything else sharing the machine.
/// </summary>
internal sealed class CpuMeter(ServerProcess server)
{
    private readonly Process _self = Process.GetCurrentProcess();
    private TimeSpan _serverStart;
    private TimeSpan _selfStart;
    private MachineCpu.Snapshot? _machineStart;
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
        if (MachineCpu.Cores(_machineStart, MachineCpu.Ticks()) is not var (machine, interrupt))
        {
            return new CpuUsage(serverCores, selfCores, null, null, null);
        }

        return new CpuUsage(serverCores, selfCores, machine, interrupt, Math.Round(Math.Max(0, machine - interrupt - serverCores - selfCores), 2));
    }

    private TimeSpan SelfCpu()
    {
        _self.Refresh();
        return _self.TotalProcessorTime;
    }
}
