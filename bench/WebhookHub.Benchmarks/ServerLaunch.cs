using System.Globalization;

namespace WebhookHub.Benchmarks;

/// <summary>Starts the two servers under test as child processes of <c>dotnet</c>.</summary>
internal static class ServerLaunch
{
    public const string BareName = "bare Kestrel";
    public const string HubName = "WebhookHub";

    private static string DotNet =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    /// <summary>This program in <see cref="BareServer"/> mode, with server GC like WebhookHub (the Web SDK's default).</summary>
    public static Task<ServerProcess> StartBareAsync()
    {
        var port = ServerProcess.FreePort();
        return ServerProcess.StartAsync(
            BareName,
            DotNet,
            [typeof(BareServer).Assembly.Location, BareServer.Flag, "--port", port.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string> { ["DOTNET_gcServer"] = "1" },
            port);
    }

    /// <summary>WebhookHub's standalone host on a fresh database, warnings-only logging.</summary>
    public static Task<ServerProcess> StartHubAsync(string hubAssembly, string databasePath, string adminKey, BenchmarkOptions options)
    {
        var port = ServerProcess.FreePort();
        string[] arguments =
        [
            hubAssembly,
            $"--urls=http://127.0.0.1:{port}",
            $"--WebhookHub:AdminApiKey={adminKey}",
            $"--WebhookHub:Sqlite:Path={databasePath}",
            $"--WebhookHub:RunWorkers={(options.RunWorkers ? "true" : "false")}",
            "--Logging:LogLevel:Default=Warning",
            .. options.HubArguments,
        ];
        return ServerProcess.StartAsync(HubName, DotNet, arguments, new Dictionary<string, string>(), port);
    }
}
