using Microsoft.Extensions.Options;
using WebhookHub.Storage.Sqlite;
using WebhookHub.Tenancy;

namespace WebhookHub.Functions.Hosting;

/// <summary>The admin API key: from configuration, or generated once and kept in <c>admin-api-key</c> beside the database.</summary>
internal sealed class AdminKey
{
    public AdminKey(IOptions<WebhookHubOptions> hub, IOptions<SqliteStoreOptions> sqlite)
    {
        if (!string.IsNullOrEmpty(hub.Value.AdminApiKey))
        {
            Value = hub.Value.AdminApiKey;
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(sqlite.Value.Path))!;
        var file = Path.Combine(directory, "admin-api-key");
        Directory.CreateDirectory(directory);
        if (File.Exists(file))
        {
            Value = File.ReadAllText(file).Trim();
            FilePath = file;
            return;
        }

        Value = ApiKeys.Create();
        File.WriteAllText(file, Value + Environment.NewLine);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        FilePath = file;
        Generated = true;
    }

    public string Value { get; }

    /// <summary>Where the generated key is kept, or <see langword="null"/> when it came from configuration.</summary>
    public string? FilePath { get; }

    /// <summary><see langword="true"/> on the start that generated the key; it is printed to the console once, then.</summary>
    public bool Generated { get; }

    public bool Matches(string presented) => ApiKeys.FixedTimeEquals(presented, Value);
}
