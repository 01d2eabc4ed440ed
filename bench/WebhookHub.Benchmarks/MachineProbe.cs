using System.Runtime.InteropServices;

namespace WebhookHub.Benchmarks;

/// <summary>Describes the machine, including the file system under the SQLite file (tmpfs makes fsync free).</summary>
internal static class MachineProbe
{
    public static async Task<MachineInfo> DescribeAsync(string dataDirectory) => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuModel(),
        dataDirectory,
        FileSystemOf(dataDirectory),
        await MachineCpu.MeasureBackgroundAsync(TimeSpan.FromSeconds(2)));

    private static string? CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;

    /// <summary>The type of the longest mount point containing <paramref name="path"/>, from <c>/proc/mounts</c>.</summary>
    private static string? FileSystemOf(string path)
    {
        if (!File.Exists("/proc/mounts")) return null;
        var full = Path.GetFullPath(path).TrimEnd('/') + "/";
        return File.ReadLines("/proc/mounts")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 2 && full.StartsWith(fields[1].TrimEnd('/') + "/", StringComparison.Ordinal))
            .OrderByDescending(fields => fields[1].Length)
            .Select(fields => $"{fields[2]} ({fields[0]} on {fields[1]})")
            .FirstOrDefault();
    }
}
