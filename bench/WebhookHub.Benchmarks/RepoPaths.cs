using System.Reflection;

namespace WebhookHub.Benchmarks;

/// <summary>Locations derived from the repository root (the folder holding <c>WebhookHub.sln</c> above this binary).</summary>
internal static class RepoPaths
{
    /// <summary>The build configuration of this binary; the WebhookHub host is taken from the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    /// <exception cref="InvalidOperationException">No <c>WebhookHub.sln</c> above the binary.</exception>
    public static string Root => FindRoot();

    public static string HubAssembly =>
        Path.Combine(Root, "functions", "WebhookHub.Functions", "bin", Configuration, "net10.0", "WebhookHub.Functions.dll");

    public static string WrkScript => Path.Combine(AppContext.BaseDirectory, "wrk", "ingest.lua");

    public static string DefaultOutFile => Path.Combine(Root, BenchmarkDefaults.OutFile);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebhookHub.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"No WebhookHub.sln above {AppContext.BaseDirectory}; pass --hub-dll and --out.");
    }
}
