using System.Text.Json.Serialization;
using WebhookHub.Replay;

namespace WebhookHub.Storage.Sqlite;

/// <summary>The <c>filter</c> column of <c>replay_jobs</c>: <c>since</c> in Unix milliseconds, statuses as their stored numbers.</summary>
internal sealed record ReplayFilterRow(long Since, int[] Statuses, int RatePerSecond)
{
    public static ReplayFilterRow From(ReplayJob job) =>
        new(SqliteCommands.Millis(job.Since), job.Statuses.Select(s => (int)s).ToArray(), job.RatePerSecond);
}

/// <summary>Source-generated JSON for <see cref="ReplayFilterRow"/> (camelCase).</summary>
[JsonSerializable(typeof(ReplayFilterRow))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class SqliteReplayJson : JsonSerializerContext;
