using System.Diagnostics;
using System.Net;
using WebhookHub.Tests.Support;

namespace WebhookHub.Tests.EndToEnd;

/// <summary>
/// WebhookHub as a separate OS process (<c>dotnet WebhookHub.Functions.dll</c> from the test output directory) on a loopback
/// port it binds itself (port 0; the address is read from its start-up line, so no other server that happens to take a
/// pre-picked port can be mistaken for it), so a test can SIGKILL it and start it again on the same database. Stdout and
/// stderr are captured for diagnostics. Disposing kills the process if it still runs.
/// </summary>
internal sealed class HubProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private const string ListeningPrefix = "WebhookHub listening on ";

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HubProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client for the management API of this process (10 s timeout per request).</summary>
    public HttpClient Client { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, one line per entry, prefixed with the stream and the time.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    /// <summary>Starts the app on a port it picks itself and waits until <c>GET /healthz</c> answers 200 there.</summary>
    /// <exception cref="InvalidOperationException">The process exited or stayed unhealthy for 30 s; the message carries its output.</exception>
    public static async Task<HubProcess> StartAsync(string name, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var hub = Launch(name, workingDirectory, arguments);
        try
        {
            await hub.WaitUntilHealthyAsync().WaitAsync(StartTimeout + TimeSpan.FromSeconds(5));
            return hub;
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    private static HubProcess Launch(string name, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WebhookHub.Functions.dll"));
        start.ArgumentList.Add("--urls=http://127.0.0.1:0");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_URLS");

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var hub = new HubProcess(process, name);
        process.OutputDataReceived += (_, e) => hub.Append("out", e.Data);
        process.ErrorDataReceived += (_, e) => hub.Append("err", e.Data);
        if (!process.Start()) throw new InvalidOperationException($"{name}: dotnet did not start.");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    /// <summary>SIGKILL (on Linux <see cref="Process.Kill(bool)"/> sends SIGKILL): no shutdown hooks, no flush, no graceful stop.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        if (!_process.WaitForExit(ExitTimeout)) throw new InvalidOperationException($"{Name} (pid {_process.Id}) did not exit after SIGKILL.");
    }

    public ValueTask DisposeAsync()
    {
        Client?.Dispose();
        try
        {
            if (!_process.HasExited) Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.Exited += (_, _) => exited.TrySetResult();
        if (_process.HasExited) exited.TrySetResult();
        await Task.WhenAny(_address.Task, exited.Task).WaitAsync(StartTimeout);
        if (!_address.Task.IsCompleted)
        {
            throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was listening:{Environment.NewLine}{Output}");
        }

        BaseAddress = await _address.Task;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await probe.GetAsync("/healthz").DefaultTimeout();
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{Name} was not healthy within {StartTimeout.TotalSeconds} s:{Environment.NewLine}{Output}");
            }

            await Task.Delay(50);
        }
    }

    private void Append(string stream, string? line)
    {
        if (line is null) return;
        lock (_output) _output.Add($"[{Name} {stream} {DateTime.UtcNow:HH:mm:ss.fff}] {line}");
        if (stream == "out" && line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            // "WebhookHub listening on http://127.0.0.1:PORT; data in …"
            _address.TrySetResult(new Uri(line[ListeningPrefix.Length..].Split([';', ','])[0].Trim()));
        }
    }

    /// <summary>The dotnet host that runs this test (the SDK sets DOTNET_HOST_PATH), else <c>dotnet</c> from PATH.</summary>
    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet") return current;
        return "dotnet";
    }
}
