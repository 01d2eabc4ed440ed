using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace WebhookHub.Azure.Telemetry;

/// <summary>
/// Keeps credentials that subscription URLs may carry out of dependency telemetry: HTTP dependencies record only the scheme, host
/// and port of the URL called (no user info, path or query: Slack-style endpoints put their secret in the path, others in the
/// query), and are named <c>{METHOD} /</c>. Calls to Azure services (hosts under <c>.windows.net</c>, <c>.azure.net</c>,
/// <c>.azure.com</c>) keep their path, which names tables, queues and secrets, never values.
/// </summary>
internal sealed class DependencyUrlScrubber : ITelemetryInitializer
{
    private static readonly string[] AzureHostSuffixes = [".windows.net", ".azure.net", ".azure.com"];

    /// <inheritdoc/>
    public void Initialize(ITelemetry telemetry)
    {
        if (telemetry is not DependencyTelemetry dependency || !IsHttp(dependency.Type)) return;
        if (!Uri.TryCreate(dependency.Data, UriKind.Absolute, out var url)) return;

        var keepPath = AzureHostSuffixes.Any(suffix => url.Host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase));
        var origin = $"{url.Scheme}://{url.Authority}";
        dependency.Data = keepPath ? origin + url.AbsolutePath : origin;
        if (!keepPath && dependency.Name is { } name)
        {
            var space = name.IndexOf(' ');
            dependency.Name = space > 0 ? name[..space] + " /" : "/";
        }
    }

    private static bool IsHttp(string? type) => type is not null && type.StartsWith("Http", StringComparison.OrdinalIgnoreCase);
}
