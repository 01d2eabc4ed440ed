using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace WebhookHub.Benchmarks;

/// <summary>A server under test running as a child process on a loopback port; stopped gracefully (SIGTERM) on dispose.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>User + system CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the process and waits until <c>GET /healthz</c> answers 200.</summary>
    /// <exception cref="InvalidOperationException">The process exited or did not become healthy within 60 s.</exception>
    public static async Task<ServerProcess> StartAsync(
        string name, string fileName, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, int port)
    {
        var start = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(name, process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (OperatingSystem.IsWindows() || Kill(_process.Id, SigTerm) != 0) _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"{Name} did not stop within 15 s of SIGTERM; killing it.");
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept) _output.TryDequeue(out _);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited) throw Failure($"{Name} exited with code {_process.ExitCode} while starting");
            try
            {
                using var response = await client.GetAsync(new Uri(BaseAddress, "healthz"));
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw Failure($"{Name} did not answer GET /healthz within {limit.TotalSeconds} s");
    }

    private InvalidOperationException Failure(string message) =>
        new($"{message}. Last output:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);
}
