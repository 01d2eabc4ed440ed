using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using WebhookHub.Azure.Tables;

namespace WebhookHub.Tests.Support;

/// <summary>Tests that need Table Storage join this collection; they share one Azurite process (and run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// Starts Azurite's Table service (npm <c>azurite</c>, pinned in tests/azurite/package.json) on a free 127.0.0.1 port, in memory,
/// and stops its process tree when the collection is done. When tests/azurite/node_modules is missing it runs
/// <c>npm ci --prefix tests/azurite</c> first, once across concurrent test processes (a lock file in the temp folder).
/// Without Node.js it fails with a message that says so; it never skips.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known account and key (published in the Azurite docs; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _workDirectory;

    /// <summary>The port Azurite's Table service listens on (127.0.0.1).</summary>
    public int Port { get; private set; }

    /// <summary>The path-style table endpoint, http://127.0.0.1:{port}/devstoreaccount1.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>A Shared Key connection string for this Azurite.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint}";

    /// <summary>A client built from <see cref="ConnectionString"/> with default options.</summary>
    public TableServiceClient ServiceClient { get; private set; } = null!;

    /// <summary>A client for a new, uniquely named table (already created), e.g. <c>inbox3f2a…</c>.</summary>
    /// <param name="prefix">Letters and digits, starting with a letter, at most 30 characters.</param>
    public TableClient CreateTableClient(string prefix) =>
        Task.Run(() => CreateTableClientAsync(prefix)).WaitAsync(TaskTimeouts.Default).GetAwaiter().GetResult();

    /// <summary>Like <see cref="CreateTableClient"/>, awaitable.</summary>
    public async Task<TableClient> CreateTableClientAsync(string prefix, TableServiceClient? service = null)
    {
        var client = (service ?? ServiceClient).GetTableClient(prefix + Guid.NewGuid().ToString("N"));
        await client.CreateIfNotExistsAsync().WaitAsync(TaskTimeouts.Default);
        return client;
    }

    public async Task InitializeAsync()
    {
        var root = FindRepositoryRoot();
        var azuriteDirectory = Path.Combine(root, "tests", "azurite");
        var executable = Path.Combine(azuriteDirectory, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-table.cmd" : "azurite-table");
        if (!File.Exists(executable)) await InstallAsync(root, azuriteDirectory, executable);

        _workDirectory = Path.Combine(Path.GetTempPath(), "webhookhub-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workDirectory);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _process = Start(executable, Port, _workDirectory);
            if (await WaitUntilListeningAsync(_process, Port)) break;
            Stop();
            // another process may have taken the port between probing and binding: try a fresh one
            if (attempt == 3)
                throw new InvalidOperationException($"Azurite exited, or did not listen on 127.0.0.1 within {StartTimeout.TotalSeconds:0} s, three times. Output:\n{Output()}");
        }

        ServiceClient = TableServiceClient.FromConnectionString(ConnectionString);
    }

    public Task DisposeAsync()
    {
        Stop();
        if (_workDirectory is not null)
        {
            try { Directory.Delete(_workDirectory, recursive: true); } catch (IOException) { }
        }

        return Task.CompletedTask;
    }

    private Process Start(string executable, int port, string workDirectory)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--loose", "--silent",
                     "--disableTelemetry",
                 })
            start.ArgumentList.Add(argument);

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {executable}: {e.Message}. The Table Storage tests need Node.js (node on PATH).", e);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Polls a TCP connect every 50 ms until Azurite answers, it exits, or <see cref="StartTimeout"/> passes.</summary>
    private static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited) return false;
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
                return true;
            }
            catch (Exception e) when (e is SocketException or TimeoutException)
            {
                await Task.Delay(50);
            }
        }

        return false;
    }

    private void Stop()
    {
        if (_process is null) return;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Runs <c>npm ci --prefix tests/azurite</c> under an exclusive lock, unless another test process installed it meanwhile.</summary>
    private static async Task InstallAsync(string root, string azuriteDirectory, string executable)
    {
        var lockName = "webhookhub-azurite-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(azuriteDirectory)))[..16] + ".lock";
        var lockPath = Path.Combine(Path.GetTempPath(), lockName);
        var waited = Stopwatch.StartNew();
        FileStream? held = null;
        while (held is null)
        {
            try
            {
                held = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (waited.Elapsed < InstallTimeout)
            {
                await Task.Delay(250);
            }
        }

        await using (held)
        {
            if (File.Exists(executable)) return;
            var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
            var install = new ProcessStartInfo(npm)
            {
                WorkingDirectory = root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ci", "--prefix", Path.Combine("tests", "azurite"), "--no-audit", "--no-fund" })
                install.ArgumentList.Add(argument);

            Process process;
            try
            {
                process = Process.Start(install)!;
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException(
                    "The Table Storage tests run against Azurite, which needs Node.js and npm on PATH; install Node.js 20+ " +
                    "(or run `npm ci --prefix tests/azurite` yourself).", e);
            }

            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(InstallTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw new InvalidOperationException($"`npm ci --prefix tests/azurite` did not finish within {InstallTimeout.TotalMinutes:0} minutes.");
                }

                if (process.ExitCode != 0 || !File.Exists(executable))
                    throw new InvalidOperationException(
                        $"`npm ci --prefix tests/azurite` failed (exit code {process.ExitCode}):\n{await stdout}\n{await stderr}");
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "tests", "azurite", "package.json")))
                return directory.FullName;
        throw new InvalidOperationException($"No tests/azurite/package.json above {AppContext.BaseDirectory}; the tests must run from the repository.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output)
            if (_output.Length < 16_000) _output.AppendLine(line);
    }

    private string Output()
    {
        lock (_output) return _output.ToString();
    }
}
